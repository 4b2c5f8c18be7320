import test from "node:test";
import assert from "node:assert/strict";
import { CATEGORIES, defaults, isLoopback, loadSettings, normalize, normalizeServiceUrl, originPattern, publicPrefs,
  saveSettings, visibleFindings } from "../lib/settings.js";

function memoryStorage(initial = {}) {
  const data = { ...initial };
  return {
    data,
    async get(keys) { return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])); },
    async set(values) { Object.assign(data, values); },
  };
}

test("defaults: loopback service, the webmail's own Schedule send, every category on", () => {
  const d = defaults();
  assert.equal(d.serviceUrl, "http://127.0.0.1:8722");
  assert.equal(d.schedulePath, "webmail");
  assert.deepEqual(Object.keys(d.categories), CATEGORIES);
  assert.ok(Object.values(d.categories).every(Boolean));
});

test("malformed stored values fall back to defaults", () => {
  const s = normalize({ serviceUrl: "javascript:alert(1)", schedulePath: "carrier pigeon", categories: { rude: false, x: 1 } });
  assert.equal(s.serviceUrl, "http://127.0.0.1:8722");
  assert.equal(s.schedulePath, "webmail");
  assert.equal(s.categories.rude, false);
  assert.equal("x" in s.categories, false);
});

test("service addresses are reduced to their origin", () => {
  assert.equal(normalizeServiceUrl(" http://localhost:9000/some/path "), "http://localhost:9000");
  assert.equal(normalizeServiceUrl("ftp://x"), null);
  assert.equal(normalizeServiceUrl("http://user:pw@host"), null);
  assert.equal(normalizeServiceUrl(""), null);
  assert.ok(isLoopback("http://127.0.0.1:8722"));
  assert.ok(isLoopback("http://localhost:1"));
  assert.ok(!isLoopback("https://tactful.example.com"));
  assert.equal(originPattern("https://tactful.example.com:8443"), "https://tactful.example.com/*");
});

test("save merges into storage; content scripts never get the token", async () => {
  const storage = memoryStorage({ token: "secret" });
  const saved = await saveSettings({ schedulePath: "webmail" }, storage);
  assert.equal(saved.token, "secret");
  assert.equal((await loadSettings(storage)).schedulePath, "webmail");
  assert.deepEqual(Object.keys(publicPrefs(saved)).sort(), ["categories", "schedulePath"]);
});

test("findings of switched-off categories are hidden", () => {
  const f = [{ category: "rude" }, { category: "urgency" }];
  assert.deepEqual(visibleFindings(f, { rude: true, urgency: false }), [{ category: "rude" }]);
  assert.deepEqual(visibleFindings(undefined, {}), []);
});

test("version 1 stored 'service' for everyone; from version 2 only a choice made in options keeps it", async () => {
  assert.equal(normalize({ schedulePath: "service" }).schedulePath, "webmail", "stored by version 1: the old default");
  assert.equal(normalize({ schedulePath: "service", version: 2 }).schedulePath, "service");
  const storage = memoryStorage({ token: "t", schedulePath: "service" });
  assert.equal((await loadSettings(storage)).schedulePath, "webmail");
  const chosen = await saveSettings({ schedulePath: "service" }, storage);
  assert.equal(chosen.schedulePath, "service");
  assert.equal(storage.data.version, 2);
  assert.equal((await loadSettings(storage)).schedulePath, "service");
});
