import test from "node:test";
import assert from "node:assert/strict";
import { formatBoth, formatInstant, fromLocalInput, toLocalInput, uiLanguage } from "../lib/format.js";

test("the interface language is es, pl or en", () => {
  assert.equal(uiLanguage("es-419"), "es");
  assert.equal(uiLanguage("pl_PL"), "pl");
  assert.equal(uiLanguage("en-GB"), "en");
  assert.equal(uiLanguage("de"), "en");
  assert.equal(uiLanguage(undefined), "en");
});

test("an instant shows in the client's zone", () => {
  const iso = "2026-11-03T08:00:00Z"; // a Tuesday
  assert.match(formatInstant(iso, { timeZone: "Europe/Warsaw", lang: "en" }), /Tue.*Nov 3.*9:00/);
  assert.match(formatInstant(iso, { timeZone: "America/Mexico_City", lang: "es" }), /mar.*3.*nov.*02:00/);
  assert.match(formatInstant(iso, { timeZone: "Europe/Warsaw", lang: "pl" }), /wt.*3.*lis.*09:00/);
});

test("client and user times together", () => {
  const both = formatBoth("2026-11-03T08:00:00Z", "Asia/Tokyo", "en");
  assert.match(both.client, /5:00 PM/);
  assert.equal(both.user, formatInstant("2026-11-03T08:00:00Z", { lang: "en" }));
});

test("bad input gives an empty string; an unknown zone falls back to the user's", () => {
  assert.equal(formatInstant("not a date"), "");
  assert.equal(formatInstant(""), "");
  assert.notEqual(formatInstant("2026-11-03T08:00:00Z", { timeZone: "Mars/Olympus" }), "");
});

test("datetime-local round trip keeps the instant", () => {
  const iso = "2026-11-03T08:30:00.000Z";
  assert.equal(fromLocalInput(toLocalInput(iso)), iso);
  assert.equal(fromLocalInput(""), null);
  assert.equal(toLocalInput("nope"), "");
});
