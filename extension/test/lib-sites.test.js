// One list of hosts and one of categories: the manifest, the adapters and the options all follow them.

import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { CATEGORIES } from "../lib/categories.js";
import { contentMatches, DEMO_HOSTS, SITE_HOSTS, SITES } from "../lib/sites.js";
import { isMatchedUrl } from "../lib/messages.js";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const manifest = read("../manifest.json");

test("the manifest's content script matches are the sites list", () => {
  assert.deepEqual(manifest.content_scripts[0].matches, contentMatches());
});

test("the manifest's web-accessible resources are offered to the same sites and the demo hosts", () => {
  assert.deepEqual(manifest.web_accessible_resources[0].matches,
    [...SITE_HOSTS.map((h) => `https://${h}/*`), ...DEMO_HOSTS.map((h) => `http://${h}/*`)]);
});

test("every listed host is matched and nothing else is", () => {
  for (const host of Object.values(SITES).flat()) assert.ok(isMatchedUrl(`https://${host}/mail/`), host);
  assert.ok(!isMatchedUrl("https://mail.google.com.evil.example/"));
  assert.ok(!isMatchedUrl("http://mail.google.com/"));
});

test("every category has its name in each interface language", () => {
  for (const lang of ["en", "es", "pl"]) {
    const messages = read(`../_locales/${lang}/messages.json`);
    for (const category of CATEGORIES) assert.ok(messages[`category_${category}`]?.message, `${lang}: ${category}`);
  }
});
