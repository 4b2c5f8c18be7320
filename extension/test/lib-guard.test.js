import test from "node:test";
import assert from "node:assert/strict";
import { decideSend } from "../lib/guard.js";

const finding = (severity, category = "rude") => ({ rule: `en.${category}.x`, category, severity, start: 0, end: 1,
  excerpt: "x", message: "m", suggestions: [] });
const clean = { lang: "en", findings: [] };

test("a fresh clean analysis lets the send through", () => {
  assert.deepEqual(decideSend({ analysis: clean, fresh: true }), { hold: false, recheck: false, reasons: [] });
});

test("warnings and tips alone do not hold", () => {
  const d = decideSend({ analysis: { findings: [finding("warning"), finding("info")] }, fresh: true });
  assert.equal(d.hold, false);
});

test("error findings hold", () => {
  const d = decideSend({ analysis: { findings: [finding("error"), finding("warning")] }, fresh: true });
  assert.equal(d.hold, true);
  assert.equal(d.reasons[0].code, "findings");
  assert.equal(d.reasons[0].findings.length, 1);
});

test("errors of a switched-off category do not hold", () => {
  const d = decideSend({ analysis: { findings: [finding("error", "shouting")] }, fresh: true,
    categories: { shouting: false } });
  assert.equal(d.hold, false);
});

test("a suggested call holds", () => {
  const d = decideSend({ analysis: { findings: [], suggest_call: { suggested: true, reasons: ["overdue"] } }, fresh: true });
  assert.deepEqual(d.reasons, [{ code: "call", reasons: ["overdue"] }]);
  assert.equal(decideSend({ analysis: { findings: [], suggest_call: { suggested: false } }, fresh: true }).hold, false);
});

test("outside contact hours holds, with the next window", () => {
  const timing = { client_id: "acme", within: false, send_at: "2026-11-03T09:00:00+01:00" };
  const d = decideSend({ analysis: { findings: [], timing }, fresh: true });
  assert.equal(d.hold, true);
  assert.deepEqual(d.reasons, [{ code: "outside_hours", client_id: "acme", send_at: timing.send_at }]);
  assert.equal(decideSend({ analysis: { findings: [], timing: { ...timing, within: true } }, fresh: true }).hold, false);
});

test("a stale or missing analysis asks for a recheck instead of deciding", () => {
  const bad = { findings: [finding("error")] };
  assert.deepEqual(decideSend({ analysis: bad, fresh: false }), { hold: false, recheck: true, reasons: [] });
  assert.deepEqual(decideSend({ analysis: null, fresh: false }), { hold: false, recheck: true, reasons: [] });
});

test("never holds when the service is offline", () => {
  const bad = { findings: [finding("error")], timing: { within: false } };
  for (const fresh of [true, false]) {
    assert.deepEqual(decideSend({ analysis: bad, fresh, offline: true }), { hold: false, recheck: false, reasons: [] });
  }
  assert.equal(decideSend({ analysis: null, offline: true }).recheck, false);
  assert.equal(decideSend().hold, false);
});

test("a recommended call holds Send; a call to consider never does", () => {
  const call = (strength) => ({ findings: [], suggest_call: { suggested: true, strength, reasons: ["r"] } });
  assert.equal(decideSend({ analysis: call("recommend"), fresh: true }).hold, true);
  assert.deepEqual(decideSend({ analysis: call("recommend"), fresh: true }).reasons, [{ code: "call", reasons: ["r"] }]);
  assert.deepEqual(decideSend({ analysis: call("consider"), fresh: true }), { hold: false, recheck: false, reasons: [] });
  assert.equal(decideSend({ analysis: call(undefined), fresh: true }).hold, true, "no strength: as before");
  assert.equal(decideSend({ analysis: { findings: [], suggest_call: { suggested: false } }, fresh: true }).hold, false);
});

test("sentences still being scored: ask once more before deciding, then decide on what came", () => {
  const pending = { findings: [], learned: { status: "pending", pending: 2 } };
  assert.deepEqual(decideSend({ analysis: pending, fresh: true }), { hold: false, recheck: true, reasons: [] });
  assert.deepEqual(decideSend({ analysis: pending, fresh: true, settled: true }),
    { hold: false, recheck: false, reasons: [] });
  const done = { findings: [finding("error")], learned: { status: "done", pending: 0 } };
  assert.equal(decideSend({ analysis: done, fresh: true }).hold, true);
  assert.equal(decideSend({ analysis: pending, fresh: true, offline: true }).recheck, false);
});
