// One compose window's life: read it, analyse as the user writes, and let the features draw and guard.
// The features (panel, underlines, client picker, send flow) register in FEATURES and talk through ctx.

import { uiLanguage } from "../lib/format.js";
import { followUpDelay, nextAttempt } from "../lib/learned.js";
import { createScheduler } from "../lib/scheduler.js";
import { buildTextMap } from "../lib/textmap.js";
import { insertAtStart } from "../features/apply.js";
import { clientPickerFeature } from "../features/client-picker.js";
import { panelFeature } from "../features/panel.js";
import { sendFlowFeature } from "../features/send-flow.js";
import { t, uiTag } from "../features/ui.js";
import { underlinesFeature } from "../features/underlines.js";
import { createBus, startFeatures } from "./features.js";

/** Every feature of a compose, in start order (a feature's needs come before it). */
export const FEATURES = [panelFeature, underlinesFeature, clientPickerFeature, sendFlowFeature];

/** Send a message to the background, in this page's interface language; a dead extension context reads as
 *  "offline", never as an exception. */
export async function message(msg) {
  try {
    const reply = await chrome.runtime.sendMessage({ ...msg, lang: uiTag() });
    return reply || { ok: false, offline: true, error: { code: "offline", message: "no reply" } };
  } catch (err) {
    return { ok: false, offline: true, error: { code: "offline", message: String(err?.message || err) } };
  }
}

/** What the compose shows now, each getter on its own: one that throws or is missing reads as unreadable. */
export function readCompose(compose) {
  const read = (fn, fallback) => {
    try {
      const value = fn?.();
      return { value: value ?? fallback, ok: value !== undefined && value !== null };
    } catch {
      return { value: fallback, ok: false };
    }
  };
  const recipients = read(() => compose.getRecipients(), []);
  const names = read(() => compose.getRecipientNames?.() ?? [], []);
  return {
    recipients: recipients.value, names: names.value, readable: recipients.ok && names.ok,
    subject: read(() => compose.getSubject(), "").value, thread: read(() => compose.getThread(), null).value,
  };
}

/** Start every feature on one compose; returns {body, poke(), destroy()}. delivery: the page's cached answer to
 *  "can the service deliver?" (lib/delivery.js createDeliveryCache). */
export function createSession(compose, { metrics, prefs, message: send, delivery = null }) {
  const body = compose.body;
  const failures = [];
  const bus = createBus((type, err) => console.warn(`Tactful: a ${type} listener failed:`, err));
  const state = { analysis: null, key: null, offline: false, seen: "", clientId: null, destroyed: false,
    followUp: null };
  const ctx = {
    compose, body, prefs, send, metrics, state, delivery, lang: uiLanguage(uiTag()),
    on: bus.on, emit: bus.emit, failures,
    /** The current text map of the draft. */
    textMap: () => buildTextMap(body),
    snapshot, analyze, accept, showFailure, keyOf: (text, read) => keyOf(text, read, state.clientId),
    /** Ask for a new analysis (the recipients or the chosen client changed). */
    refresh: () => scheduler.schedule(),
    /** Put the call invitation at the top of the draft, as typed text (undo works). */
    insertInvitation: (suggest) => insertAtStart(body, `${suggest.invitation}\n\n`),
  };

  function snapshot() {
    const map = buildTextMap(body);
    const read = readCompose(compose);
    state.seen = seenKey(read);
    // The rule findings come at once; sentences the learned pass has not scored yet come on a follow-up.
    const request = { text: map.text, lang: "auto", recipients: read.recipients, subject: read.subject,
      learned: "defer" };
    if (read.names.length) request.recipient_names = read.names;
    if (state.clientId) request.client_id = state.clientId;
    const thread = read.thread;
    if (thread && (thread.messages || thread.incoming)) {
      request.thread = { messages: thread.messages || 0, incoming: thread.incoming || "" };
    }
    return { map, request, read, key: ctx.keyOf(map.text, read) };
  }

  async function analyze(snap, timeoutMs) {
    metrics?.request();
    return send({ type: "analyze", request: snap.request, timeoutMs });
  }

  async function analyzeAndRender(snap) {
    // A follow-up for the same draft shows no "checking…": its rule findings are already on screen.
    if (snap.key !== state.key) bus.emit("status", { text: t("status_checking"), kind: "busy" });
    const reply = await analyze(snap);
    if (state.destroyed) return;
    if (!reply.ok) return showFailure(reply);
    const now = buildTextMap(body);
    // A reply for a text that has changed since is dropped: the scheduler already has the newer text queued.
    if (now.text !== snap.map.text) return;
    accept(reply.data, snap, now);
    // Sentences still being scored: ask again for the same text shortly (bounded; the scheduler's limits apply).
    state.followUp = { key: snap.key, attempt: nextAttempt(state.followUp, snap.key) };
    const wait = followUpDelay(reply.data.learned, state.followUp.attempt);
    if (wait !== null) scheduler.followUp(wait);
  }

  function accept(analysis, snap, map) {
    state.analysis = analysis;
    state.key = snap.key;
    state.offline = false;
    bus.emit("analysis", { analysis, map, read: snap.read });
  }

  function showFailure(reply) {
    state.offline = !!reply.offline || reply.error?.code === "unauthorized";
    bus.emit("failure", reply);
  }

  const scheduler = createScheduler({ snapshot, run: analyzeAndRender });
  const features = startFeatures(FEATURES, ctx, (name, err) => {
    failures.push(name);
    console.warn(`Tactful: the ${name} feature failed:`, err);
    bus.emit("feature-failed", name);
  });
  if (!features.get("panel")) {
    features.stop();
    throw new Error("the panel could not start");
  }

  // The keystroke path: only note the edit and ask for a redraw on the next frame.
  function onInput() {
    const started = metrics?.now();
    scheduler.schedule();
    bus.emit("input");
    if (metrics) metrics.keystroke(metrics.now() - started);
  }
  compose.root.addEventListener("input", onInput, true);
  scheduler.schedule();

  return {
    body,
    features: features.names,
    /** The page changed: re-analyse if what the compose shows did (chips come without input events). */
    poke() {
      const now = seenKey(readCompose(compose));
      if (now !== state.seen) { state.seen = now; scheduler.schedule(); }
      bus.emit("layout");
    },
    /** Tear everything down (the compose left the page). */
    destroy() {
      state.destroyed = true;
      compose.root.removeEventListener("input", onInput, true);
      scheduler.stop();
      features.stop();
    },
  };
}

function seenKey(read) {
  return `${read.recipients.join(",")}\u0000${read.names.join(",")}`;
}

function keyOf(text, read, clientId) {
  return `${seenKey(read)}\u0000${clientId || ""}\u0000${text}`;
}
