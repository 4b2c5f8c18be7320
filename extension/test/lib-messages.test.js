import test from "node:test";
import assert from "node:assert/strict";
import { apiCall, callUrl, CONTENT_TYPES, failure, isMatchedUrl, PAGE_TYPES } from "../lib/messages.js";

test("content scripts run on the webmail sites and the demo pages only", () => {
  for (const ok of ["https://mail.google.com/mail/u/0/#inbox", "https://outlook.office.com/mail/",
    "https://outlook.office365.com/mail/", "https://outlook.live.com/mail/0/", "http://127.0.0.1:8722/demo/gmail",
    "http://localhost:9/demo/outlook-pl"]) assert.ok(isMatchedUrl(ok), ok);
  for (const bad of ["http://mail.google.com/", "https://evil.example/mail.google.com", "http://127.0.0.1:8722/v1/health",
    "https://127.0.0.1/demo/gmail", "chrome-extension://abc/popup.html", "not a url"]) assert.ok(!isMatchedUrl(bad), bad);
});

test("settings and token messages are for extension pages only", () => {
  for (const type of ["settings.get", "settings.set", "test-connection", "scheduled.list", "reminders.done"]) {
    assert.ok(!CONTENT_TYPES.has(type), type);
    assert.ok(PAGE_TYPES.has(type), type);
  }
  for (const type of ["analyze", "etiquette", "schedule", "health", "prefs"]) assert.ok(CONTENT_TYPES.has(type), type);
});

test("each message maps to its API route", () => {
  const body = { text: "hi" };
  assert.deepEqual(apiCall({ type: "analyze", request: body }, "es"),
    { method: "POST", path: "/v1/analyze", query: { lang: "es" }, body, auth: true, timeoutMs: 4000 });
  assert.equal(apiCall({ type: "etiquette", to: ["a@x.com", "b@y.com"] }, "pl").query.to, "a@x.com,b@y.com");
  assert.equal(apiCall({ type: "scheduled.cancel", id: "a/b" }).path, "/v1/scheduled/a%2Fb");
  assert.equal(apiCall({ type: "scheduled.cancel", id: "m1" }).method, "DELETE");
  assert.deepEqual(apiCall({ type: "scheduled.reschedule", id: "m1", send_at: "2026-01-01T10:00:00Z" }).body,
    { send_at: "2026-01-01T10:00:00Z" });
  assert.equal(apiCall({ type: "reminders.done", id: 7 }).path, "/v1/reminders/7/done");
  assert.equal(apiCall({ type: "health" }).auth, false);
  assert.equal(apiCall({ type: "analyze", request: body, timeoutMs: 1500 }).timeoutMs, 1500);
  assert.equal(apiCall({ type: "analyze", request: body, timeoutMs: 60000 }).timeoutMs, 4000);
});

test("malformed messages are refused with a coded error", () => {
  assert.throws(() => apiCall({ type: "analyze", request: "text" }), { code: "invalid_message", field: "request" });
  assert.throws(() => apiCall({ type: "etiquette", to: [] }), { field: "to" });
  assert.throws(() => apiCall({ type: "scheduled.cancel" }), { field: "id" });
  assert.throws(() => apiCall({ type: "delete-everything" }), { field: "type" });
});

test("URLs are built against the configured service only", () => {
  const call = apiCall({ type: "etiquette", to: ["a@x.com"] }, "en");
  assert.equal(callUrl("http://127.0.0.1:8722", call), "http://127.0.0.1:8722/v1/etiquette?to=a%40x.com&lang=en");
  const evil = { ...call, path: "//evil.example/v1/x" };
  assert.equal(new URL(callUrl("http://127.0.0.1:8722", { ...evil, path: "/v1/x" })).host, "127.0.0.1:8722");
});

test("failures carry code, message and the offline flag", () => {
  assert.deepEqual(failure("offline", "down", { offline: true }),
    { ok: false, offline: true, error: { code: "offline", message: "down" } });
  assert.deepEqual(failure("invalid_field", "bad", { field: "text", status: 422 }),
    { ok: false, offline: false, error: { code: "invalid_field", message: "bad", field: "text" }, status: 422 });
});
