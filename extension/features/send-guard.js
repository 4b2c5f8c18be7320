// Intercept Send (click sequence, Ctrl/Cmd+Enter, Enter or Space on a focused Send button) in the capture
// phase, only when there is a reason to.

const STARTS = new Set(["pointerdown", "mousedown"]);
const POINTER = ["pointerdown", "mousedown", "pointerup", "mouseup", "click"];
const SEQUENCE_MS = 3000;
const BYPASS_MS = 1000;

/** Guard one compose. hooks: {decide() -> {hold, recheck, reasons}, onHold(reasons), onRecheck()}.
 *  Returns {sendNow(), destroy()}: sendNow performs the webmail's own send without being intercepted. */
export function installSendGuard(compose, hooks) {
  const view = compose.root.ownerDocument.defaultView;
  let sequence = null; // one decision per press: pointerdown … click are all swallowed or all left alone
  let bypassUntil = 0;
  let busy = false;

  function blockNow() {
    if (busy) return true;
    const decision = hooks.decide();
    if (!decision.hold && !decision.recheck) return false;
    busy = true;
    // Act after the event has finished dispatching.
    view.setTimeout(async () => {
      try {
        if (decision.hold) await hooks.onHold(decision.reasons);
        else await hooks.onRecheck();
      } finally {
        busy = false;
      }
    }, 0);
    return true;
  }

  function swallow(ev) {
    ev.preventDefault();
    ev.stopImmediatePropagation();
  }

  function onPointer(ev) {
    if (Date.now() < bypassUntil || !compose.isSendTarget(ev.target)) return;
    const now = Date.now();
    if (sequence && now > sequence.until) sequence = null;
    if (!sequence && (STARTS.has(ev.type) || ev.type === "click")) {
      sequence = { block: blockNow(), until: now + SEQUENCE_MS };
    }
    if (sequence?.block) swallow(ev);
    if (ev.type === "click") sequence = null;
  }

  function isSendKey(ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) return compose.root.contains(ev.target);
    // Keyboard users press Enter or Space on the focused Send button itself.
    return (ev.key === "Enter" || ev.key === " ") && compose.isSendTarget(ev.target);
  }

  function onKeyDown(ev) {
    if (Date.now() < bypassUntil || !isSendKey(ev)) return;
    if (blockNow()) swallow(ev);
  }

  for (const type of POINTER) view.addEventListener(type, onPointer, true);
  view.addEventListener("keydown", onKeyDown, true);

  return {
    /** Send through the webmail with interception off for this one send. */
    sendNow() {
      bypassUntil = Date.now() + BYPASS_MS;
      sequence = null;
      compose.send();
    },
    /** Remove the listeners. */
    destroy() {
      for (const type of POINTER) view.removeEventListener(type, onPointer, true);
      view.removeEventListener("keydown", onKeyDown, true);
    },
  };
}
