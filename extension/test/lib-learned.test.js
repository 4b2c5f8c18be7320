import test from "node:test";
import assert from "node:assert/strict";
import { FOLLOW_UPS_MS, followUpDelay, isLearned, learnedPending, nextAttempt } from "../lib/learned.js";

test("ask again only while sentences are pending, a bounded number of times", () => {
  const pending = { status: "pending", pending: 3 };
  assert.deepEqual(FOLLOW_UPS_MS.map((_, i) => followUpDelay(pending, i)), FOLLOW_UPS_MS);
  assert.equal(followUpDelay(pending, FOLLOW_UPS_MS.length), null);
  assert.ok(FOLLOW_UPS_MS.reduce((a, b) => a + b) <= 10_000, "bounded in time too");
  for (const learned of [{ status: "done", pending: 0 }, { status: "off", pending: 0 }, { status: "pending", pending: 0 },
    undefined, null, { status: "pending" }]) {
    assert.equal(followUpDelay(learned, 0), null, JSON.stringify(learned));
  }
});

test("follow-ups count per text: a new text starts again", () => {
  let state = null;
  state = { key: "a", attempt: nextAttempt(state, "a") };
  assert.equal(state.attempt, 0);
  state = { key: "a", attempt: nextAttempt(state, "a") };
  assert.equal(state.attempt, 1);
  state = { key: "ab", attempt: nextAttempt(state, "ab") };
  assert.equal(state.attempt, 0);
});

test("learned findings are told apart by their rule id", () => {
  assert.ok(isLearned({ rule: "en.rude.learned" }));
  assert.ok(!isLearned({ rule: "en.rude.you-people" }));
  assert.ok(!isLearned({ rule: "en.learned.x" }));
  assert.ok(!isLearned(null));
  assert.ok(learnedPending({ learned: { status: "pending", pending: 1 } }));
  assert.ok(!learnedPending({ learned: { status: "done", pending: 0 } }));
  assert.ok(!learnedPending({}));
});
