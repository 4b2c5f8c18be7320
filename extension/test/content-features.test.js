// Features register themselves: start in order, needs respected, one failing never stops the others.

import test from "node:test";
import assert from "node:assert/strict";

import { createBus, startFeatures } from "../content/features.js";

test("features start in order, see each other, and stop in reverse", () => {
  const log = [];
  const ctx = {};
  const make = (name, needs = []) => ({ name, needs, start(c) {
    log.push(`start ${name}:${needs.map((n) => Boolean(c.feature(n))).join(",")}`);
    return { stop: () => log.push(`stop ${name}`) };
  } });
  const running = startFeatures([make("panel"), make("underlines", ["panel"]), make("picker", ["panel"])], ctx,
    () => assert.fail("nothing fails"));
  assert.deepEqual(running.names, ["panel", "underlines", "picker"]);
  running.stop();
  assert.deepEqual(log, ["start panel:", "start underlines:true", "start picker:true", "stop picker", "stop underlines",
    "stop panel"]);
});

test("a feature that throws, or whose needs did not start, is reported and left out; the rest run", () => {
  const failed = [];
  const running = startFeatures([
    { name: "panel", start() { throw new Error("no host"); } },
    { name: "picker", needs: ["panel"], start() { return {}; } },
    { name: "metrics", start() { return { stop() { throw new Error("already gone"); } }; } },
  ], {}, (name, err) => failed.push(`${name}: ${err.message}`));
  assert.deepEqual(running.names, ["metrics"]);
  running.stop();
  assert.deepEqual(failed, ["panel: no host", "picker: needs panel", "metrics: already gone"]);
});

test("the bus isolates listeners: one throwing never keeps the others from the event", () => {
  const errors = [];
  const bus = createBus((type, err) => errors.push(`${type}: ${err.message}`));
  const seen = [];
  bus.on("analysis", () => { throw new Error("bad card"); });
  const off = bus.on("analysis", (x) => seen.push(x));
  bus.emit("analysis", 1);
  off();
  bus.emit("analysis", 2);
  bus.emit("nobody-listens", 3);
  assert.deepEqual(seen, [1]);
  assert.deepEqual(errors, ["analysis: bad card", "analysis: bad card"]);
});
