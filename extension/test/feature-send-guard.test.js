import test from "node:test";
import assert from "node:assert/strict";
import { installSendGuard } from "../features/send-guard.js";

function setup(decision) {
  const view = new EventTarget();
  view.setTimeout = setTimeout;
  const sendButton = { id: "send" };
  const inside = { id: "body" };
  const compose = {
    root: { ownerDocument: { defaultView: view }, contains: (n) => n === inside || n === sendButton },
    isSendTarget: (t) => t === sendButton,
    send: () => { sent += 1; fire("click"); },
  };
  let sent = 0;
  const held = [];
  const rechecks = [];
  const guard = installSendGuard(compose, { decide: () => decision, onHold: (r) => held.push(r),
    onRecheck: () => rechecks.push(1) });
  // Events are dispatched on the window with the target given explicitly (no real DOM in node).
  function fire(type, init = {}, target = sendButton) {
    const ev = new Event(type, { cancelable: true });
    Object.assign(ev, init);
    Object.defineProperty(ev, "target", { value: target });
    let reached = false;
    view.addEventListener(type, () => { reached = true; }, { once: true });
    view.dispatchEvent(ev);
    return { prevented: ev.defaultPrevented, reached };
  }
  return { guard, fire, held, rechecks, sent: () => sent, inside };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

test("nothing wrong and fresh: the events are not touched", async () => {
  const s = setup({ hold: false, recheck: false, reasons: [] });
  for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
    assert.deepEqual(s.fire(type), { prevented: false, reached: true }, type);
  }
  await tick();
  assert.equal(s.held.length, 0);
  s.guard.destroy();
});

test("hold: the whole press is swallowed and the dialog opens once", async () => {
  const s = setup({ hold: true, recheck: false, reasons: [{ code: "call", reasons: [] }] });
  for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
    assert.deepEqual(s.fire(type), { prevented: true, reached: false }, type);
  }
  await tick();
  assert.equal(s.held.length, 1);
  s.guard.destroy();
});

test("Ctrl/Cmd+Enter inside the compose is held too; plain Enter is not", async () => {
  const s = setup({ hold: true, recheck: false, reasons: [] });
  assert.equal(s.fire("keydown", { key: "Enter" }, s.inside).prevented, false);
  assert.equal(s.fire("keydown", { key: "Enter", ctrlKey: true }, s.inside).prevented, true);
  await tick();
  assert.equal(s.fire("keydown", { key: "Enter", metaKey: true }, s.inside).prevented, true);
  s.guard.destroy();
});

test("Enter or Space on the focused Send button is held; Space in the body is typing", async () => {
  const s = setup({ hold: true, recheck: false, reasons: [] });
  assert.equal(s.fire("keydown", { key: "Enter" }).prevented, true);
  await tick();
  assert.equal(s.fire("keydown", { key: " " }).prevented, true);
  await tick();
  assert.equal(s.fire("keydown", { key: " " }, s.inside).prevented, false);
  assert.equal(s.held.length, 2);
  s.guard.destroy();
});

test("a stale analysis holds the send and asks for a recheck", async () => {
  const s = setup({ hold: false, recheck: true, reasons: [] });
  assert.equal(s.fire("click").prevented, true);
  await tick();
  assert.equal(s.rechecks.length, 1);
  s.guard.destroy();
});

test("sendNow goes through the webmail without being intercepted", () => {
  const s = setup({ hold: true, recheck: false, reasons: [] });
  s.guard.sendNow();
  assert.equal(s.sent(), 1);
  s.guard.destroy();
});

test("clicks elsewhere are never touched", () => {
  const s = setup({ hold: true, recheck: false, reasons: [] });
  assert.equal(s.fire("click", {}, { id: "other" }).prevented, false);
  s.guard.destroy();
});
