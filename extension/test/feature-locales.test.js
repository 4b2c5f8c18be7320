import test from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { CATEGORIES } from "../lib/categories.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LOCALES = ["en", "es", "pl"];
// Keys built at run time from a value (t(`category_${c}`)): every value the service or the code can produce.
const FAMILIES = {
  category_: CATEGORIES,
  severity_: ["info", "warning", "error"],
  popup_state_: ["scheduled", "sending", "failed", "unknown"],
  formality_: ["formal", "informal"],
  language_: ["es", "pl", "en"],
  purpose_: ["formal", "quick", "conflict", "emergency"],
  popup_via_: ["smtp", "file", "webmail"],
  notice_unschedule_: ["gmail", "outlook"],
  dialog_service_unavailable_: ["file_outbox", "no_sender", "not_verified", "names_only", "no_to", "unreadable",
    "unknown"],
  options_delivery_: ["file_outbox", "no_sender", "not_verified", "offline", "unknown", "ok", "checking", "refresh"],
};
const PREFIXES = ["ext", "status", "popup", "options", "card", "dialog", "reason", "call", "offline", "tooltip", "panel",
  "time", "who", "notice"];

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "test" || name === "_locales" || name === "adapters") continue;
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(js|html|json)$/.test(name)) out.push(path);
  }
  return out;
}

function usedKeys() {
  const keys = new Set();
  const patterns = [
    /(?:getMessage|\bt)\(\s*["']([a-z0-9_]+)["']/g,
    /data-i18n="([a-z0-9_]+)"/g,
    /__MSG_([a-z0-9_]+)__/g,
    new RegExp(`["']((?:${PREFIXES.join("|")})_[a-z0-9_]+)["']`, "g"),
  ];
  for (const file of files(ROOT)) {
    const text = readFileSync(file, "utf8");
    // The prefix pattern is for code only: manifest keys such as "options_ui" are not strings.
    const applicable = file.endsWith(".js") ? patterns : patterns.slice(0, 3);
    for (const re of applicable) for (const m of text.matchAll(re)) keys.add(m[1]);
  }
  for (const [prefix, values] of Object.entries(FAMILIES)) for (const v of values) keys.add(prefix + v);
  return keys;
}

const messages = Object.fromEntries(LOCALES.map((l) =>
  [l, JSON.parse(readFileSync(join(ROOT, "_locales", l, "messages.json"), "utf8"))]));

test("every string the code uses exists in every locale", () => {
  const used = usedKeys();
  assert.ok(used.size > 50);
  for (const locale of LOCALES) {
    const missing = [...used].filter((k) => !messages[locale][k]?.message);
    assert.deepEqual(missing, [], `${locale} lacks ${missing.join(", ")}`);
  }
});

test("the three locales have the same keys and the same $n placeholders", () => {
  const en = Object.keys(messages.en).sort();
  for (const locale of ["es", "pl"]) {
    assert.deepEqual(Object.keys(messages[locale]).sort(), en, locale);
    for (const key of en) {
      const holes = (s) => (s.match(/\$\d/g) || []).sort().join();
      assert.equal(holes(messages[locale][key].message), holes(messages.en[key].message), `${locale} ${key}`);
    }
  }
});

test("Spanish and Polish are translated, with their own letters", () => {
  const same = (l) => Object.keys(messages.en).filter((k) => messages[l][k].message === messages.en[k].message
    && /[a-z]{4}/.test(messages.en[k].message) && !["ext_name", "options_token"].includes(k));
  assert.deepEqual(same("es"), []);
  assert.deepEqual(same("pl"), []);
  assert.match(JSON.stringify(messages.es), /[áéíóúñ¿]/);
  assert.match(JSON.stringify(messages.pl), /[ąćęłńóśźż]/);
});

test("the outside-hours reason reads right for any client name (no English possessive glued to it)", () => {
  const reason = (l) => messages[l].reason_outside_hours.message;
  assert.doesNotMatch(reason("en"), /\$1['’]s/);
  assert.match(reason("en"), /contact hours of \$1/);
  assert.match(reason("es"), /de \$1/);
  assert.match(reason("pl"), /klienta „\$1”/);
  for (const l of LOCALES) assert.equal(reason(l).replace("$1", "Northwind Traders").includes("Traders's"), false);
});

test("Tactful's notice reads right for any client name: the name stands alone, never with a possessive", () => {
  for (const key of ["notice_when", "notice_when_same"]) {
    const text = (l) => messages[l][key].message;
    assert.doesNotMatch(text("en"), /\$2['’]s/, key);
    assert.match(text("en"), /local time of \$2/, key);
    assert.match(text("es"), /hora local de \$2/, key);
    assert.match(text("pl"), /klienta „\$2”/, key);
    for (const l of LOCALES) {
      for (const name of ["Northwind Traders", "Charles", "Acme S.A.", "Kowalski Sp. z o.o."]) {
        assert.equal(/\w['’]s\b/.test(text(l).replace("$2", name)), false, `${l} ${key} ${name}`);
      }
    }
  }
});
