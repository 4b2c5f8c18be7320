import test from "node:test";
import assert from "node:assert/strict";
import { formatBoth, formatInstant, fromLocalInput, noticeTimes, toLocalInput, uiLanguage } from "../lib/format.js";

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
  assert.match(formatInstant(iso, { timeZone: "America/Mexico_City", lang: "es" }), /mar.*3.*nov.*2:00/);
  assert.match(formatInstant(iso, { timeZone: "Europe/Warsaw", lang: "pl" }), /wt.*3.*lis.*09:00/);
});

test("client and user times together", () => {
  const both = formatBoth("2026-11-03T08:00:00Z", "Asia/Tokyo", "en");
  assert.match(both.client, /5:00\u00a0PM/, "no line break inside the time");
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

test("the notice's times: weekday and time within six days, the date beyond; the user's time bare on the same day", () => {
  const now = Date.parse("2026-11-30T12:00:00Z"); // a Monday
  const soon = noticeTimes("2026-12-01T00:00:00Z", "Asia/Tokyo", "en", now); // Tue 09:00 in Tokyo
  assert.match(soon.client, /^Tue,? 9:00\sAM$/);
  const local = (options) => new Intl.DateTimeFormat("en", options).format(new Date("2026-12-01T00:00:00Z"));
  const sameDay = local({ year: "numeric", month: "2-digit", day: "2-digit" })
    === new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" })
      .format(new Date("2026-12-01T00:00:00Z"));
  const full = local({ weekday: "short", hour: "numeric", minute: "2-digit" });
  const spaces = (text) => text.replace(/[\u202f\u00a0]/g, " ");
  assert.equal(spaces(soon.user), spaces(sameDay ? full.slice(full.search(/\d/)) : full));
  const far = noticeTimes("2026-12-24T08:00:00Z", "Europe/Madrid", "es", now);
  assert.match(far.client, /jue.*24.*dic.*9:00/);
  const pl = noticeTimes("2026-12-01T08:00:00Z", "Europe/Warsaw", "pl", now);
  assert.match(pl.client, /wt.*09:00/);
  const plUser = noticeTimes("2026-12-06T00:00:00Z", "Asia/Tokyo", "pl", now).user;
  assert.match(plUser, /(^|\D)\d\d:00$/, "the user's time written like the client's (two-digit hours in Polish)");
});

test("the notice's times read alike when the zones agree, and stay empty for a bad instant", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const both = noticeTimes("2026-12-01T08:00:00Z", zone, "en", Date.parse("2026-11-30T12:00:00Z"));
  assert.equal(both.same, true);
  assert.deepEqual(noticeTimes("nope", zone, "en"), { client: "", user: "", same: true });
  assert.notEqual(noticeTimes("2026-12-01T08:00:00Z", "Mars/Olympus", "en").client, "");
});
