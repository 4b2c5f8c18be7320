import test from "node:test";
import assert from "node:assert/strict";
import { createScheduler } from "../lib/scheduler.js";

/** A virtual clock with timers; advance(ms) runs due timers in order and lets promises settle. */
function clock() {
  let now = 0, seq = 0;
  const timers = new Map();
  return {
    now: () => now,
    setTimer(fn, ms) { const id = ++seq; timers.set(id, { fn, at: now + ms }); return id; },
    clearTimer(id) { timers.delete(id); },
    async advance(ms) {
      const end = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await settle();
      }
      now = end;
      await settle();
    },
  };
}

const settle = async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); };

function setup({ latency = 50, ...opts } = {}) {
  const c = clock();
  let text = "";
  const runs = [];
  let releases = [];
  const s = createScheduler({
    now: c.now, setTimer: c.setTimer, clearTimer: c.clearTimer, snapshot: () => text,
    run: (value) => {
      runs.push({ value, at: c.now() });
      return new Promise((resolve) => {
        if (latency === null) releases.push(resolve); else c.setTimer(resolve, latency);
      });
    },
    ...opts,
  });
  return { c, s, runs, type: (t) => { text = t; s.schedule(); }, release: () => { releases.shift()?.(); } };
}

test("one request after a pause in typing (debounce)", async () => {
  const { c, runs, type } = setup();
  type("H"); await c.advance(50); type("Ho"); await c.advance(50); type("Hol");
  await c.advance(149);
  assert.equal(runs.length, 0);
  await c.advance(1);
  assert.deepEqual(runs, [{ value: "Hol", at: 250 }]);
  await c.advance(2000);
  assert.equal(runs.length, 1);
});

test("never two requests in flight: a newer text waits, then only the latest is sent", async () => {
  const { c, runs, type, release } = setup({ latency: null });
  type("a");
  await c.advance(150);
  assert.equal(runs.length, 1);
  type("ab"); await c.advance(200); type("abc"); await c.advance(200); type("abcd");
  await c.advance(3000);
  assert.equal(runs.length, 1, "waits for the running request");
  release();
  await c.advance(0);
  assert.deepEqual(runs.map((r) => r.value), ["a", "abcd"]);
});

test("continuous typing stays under 120 requests a minute", async () => {
  const { c, runs, type } = setup({ latency: 20 });
  for (let i = 0; i < 60000 / 40; i++) { type(`x${i}`); await c.advance(40); }
  assert.ok(runs.length > 10, `feedback while typing (maxWait): ${runs.length}`);
  assert.ok(runs.length <= 120, `${runs.length} requests in a minute`);
  for (let i = 4; i < runs.length; i++) assert.ok(runs[i].at - runs[i - 4].at >= 2000, "4 starts per 2 s at most");
});

test("typing in short bursts with pauses still stays at 2 requests a second at most", async () => {
  const { c, runs, type } = setup({ latency: 5 });
  for (let i = 0; i < 300; i++) { type(`y${i}`); await c.advance(i % 2 ? 40 : 160); }
  const minute = runs.filter((r) => r.at < 60000);
  assert.ok(minute.length <= 120, `${minute.length} requests in the first minute`);
  for (let i = 4; i < runs.length; i++) assert.ok(runs[i].at - runs[i - 4].at >= 2000);
});

test("a pause right after a forced request is answered within debounce + latency", async () => {
  const { c, runs, type } = setup({ latency: 50 });
  for (let i = 0; i < 30; i++) { type(`z${i}`); await c.advance(40); } // maxWait forces a request at 1200
  const forced = runs.at(-1).at;
  type("z-final");
  const paused = c.now();
  await c.advance(150 + 50 + 1);
  assert.ok(forced > 0 && runs.at(-1).value === "z-final", "the pause was answered");
  assert.ok(runs.at(-1).at - paused <= 150 + 50, `answered after ${runs.at(-1).at - paused} ms`);
});

test("a failing request does not stop later ones", async () => {
  const c = clock();
  const runs = [];
  const s = createScheduler({ now: c.now, setTimer: c.setTimer, clearTimer: c.clearTimer, snapshot: () => runs.length,
    run: async () => { runs.push(c.now()); throw new Error("boom"); } });
  s.schedule(); await c.advance(200);
  s.schedule(); await c.advance(1000);
  assert.equal(runs.length, 2);
});

test("stop() cancels what is pending", async () => {
  const { c, s, runs, type } = setup();
  type("a");
  s.stop();
  await c.advance(1000);
  assert.equal(runs.length, 0);
});

test("followUp asks again for the same text after its delay, within the same burst limit", async () => {
  const { c, s, runs, type } = setup({ latency: 10 });
  type("draft");
  await c.advance(160);
  assert.equal(runs.length, 1);
  s.followUp(250);
  await c.advance(249);
  assert.equal(runs.length, 1);
  await c.advance(20);
  assert.deepEqual(runs.map((r) => r.value), ["draft", "draft"]);
  for (let i = 0; i < 6; i++) { s.followUp(0); await c.advance(30); }
  for (let i = 4; i < runs.length; i++) assert.ok(runs[i].at - runs[i - 4].at >= 2000, "4 starts per 2 s at most");
});

test("an edit before a follow-up takes its place: one request, the latest text, at the edit's pace", async () => {
  const { c, s, runs, type } = setup({ latency: 10 });
  type("a");
  await c.advance(160);
  s.followUp(1000);
  await c.advance(100);
  type("ab");
  await c.advance(151);
  assert.deepEqual(runs.map((r) => r.value), ["a", "ab"]);
  await c.advance(2000);
  assert.equal(runs.length, 2, "the follow-up was answered by the edit's request");
});

test("a follow-up asked while a request runs waits for it", async () => {
  const { c, s, runs, type, release } = setup({ latency: null });
  type("a");
  await c.advance(150);
  s.followUp(0);
  await c.advance(500);
  assert.equal(runs.length, 1);
  release();
  await c.advance(0);
  assert.equal(runs.length, 2);
});

test("stop() cancels a pending follow-up", async () => {
  const { c, s, runs, type } = setup({ latency: 1 });
  type("a");
  await c.advance(160);
  s.followUp(100);
  s.stop();
  await c.advance(1000);
  assert.equal(runs.length, 1);
  s.followUp(0);
  await c.advance(1000);
  assert.equal(runs.length, 1);
});
