// One compose window's life: analyse as the user writes, draw, show the card, guard Send.

import { decideSend } from "../lib/guard.js";
import { formatInstant, uiLanguage } from "../lib/format.js";
import { createScheduler } from "../lib/scheduler.js";
import { visibleFindings } from "../lib/settings.js";
import { buildTextMap } from "../lib/textmap.js";
import { insertAtStart, replaceRange } from "../features/apply.js";
import { createPanel } from "../features/panel.js";
import { openSendDialog } from "../features/send-dialog.js";
import { installSendGuard } from "../features/send-guard.js";
import { t, uiTag } from "../features/ui.js";
import { createUnderlines, itemsFor } from "../features/underlines.js";

const RECHECK_MS = 1500;

/** Send a message to the background; a dead extension context reads as "offline", never as an exception. */
export async function message(msg) {
  try {
    const reply = await chrome.runtime.sendMessage(msg);
    return reply || { ok: false, offline: true, error: { code: "offline", message: "no reply" } };
  } catch (err) {
    return { ok: false, offline: true, error: { code: "offline", message: String(err?.message || err) } };
  }
}

/** Wire every feature to one compose; returns {body, poke(), destroy()}. */
export function createSession(compose, { metrics, prefs, message: send }) {
  const body = compose.body;
  const lang = uiLanguage(uiTag());
  const state = { analysis: null, key: null, offline: false, recipients: "", destroyed: false };
  const panel = createPanel(compose, { lang, onInsertInvitation: insertInvitation });
  let underlines, guard;
  try {
    underlines = createUnderlines(body, {
      onPick: (item, suggestion) => replaceRange(body, item.range.cloneRange(), suggestion),
    });
    guard = installSendGuard(compose, { decide, onHold: openDialog, onRecheck: recheck });
  } catch (err) {
    underlines?.destroy();
    panel.destroy();
    throw err;
  }
  const scheduler = createScheduler({ snapshot, run: analyzeAndRender });

  // The keystroke path: only note the edit and ask for a redraw on the next frame.
  function onInput() {
    const started = metrics?.now();
    scheduler.schedule();
    underlines.reposition();
    if (metrics) metrics.keystroke(metrics.now() - started);
  }
  compose.root.addEventListener("input", onInput, true);

  function snapshot() {
    const map = buildTextMap(body);
    const recipients = safe(() => compose.getRecipients(), []);
    state.recipients = recipients.join(",");
    const thread = safe(() => compose.getThread(), null);
    const request = { text: map.text, lang: "auto", recipients, subject: safe(() => compose.getSubject(), "") };
    if (thread && (thread.messages || thread.incoming)) {
      request.thread = { messages: thread.messages || 0, incoming: thread.incoming || "" };
    }
    return { map, request, key: keyOf(map.text, recipients) };
  }

  async function analyze(snap, timeoutMs) {
    metrics?.request();
    return send({ type: "analyze", request: snap.request, timeoutMs });
  }

  async function analyzeAndRender(snap) {
    panel.setStatus(t("status_checking"), "busy");
    const reply = await analyze(snap);
    if (state.destroyed) return;
    if (!reply.ok) return showFailure(reply);
    const now = buildTextMap(body);
    // A reply for a text that has changed since is dropped: the scheduler already has the newer text queued.
    if (now.text !== snap.map.text) return;
    accept(reply.data, snap.key, now);
  }

  function accept(analysis, key, map) {
    state.analysis = analysis;
    state.key = key;
    state.offline = false;
    panel.notice.hide();
    const findings = visibleFindings(analysis.findings, prefs.categories);
    underlines.render(itemsFor(findings, map));
    metrics?.render(findings.length);
    panel.setStatus(findings.length ? t("status_findings", [String(findings.length)]) : t("status_clean"),
      findings.length ? "issues" : "ok");
    panel.setCall(analysis.suggest_call);
    panel.setCards(analysis.etiquette || []);
  }

  function showFailure(reply) {
    state.offline = !!reply.offline;
    if (reply.offline) {
      panel.notice.show("offline");
      panel.setStatus(t("status_offline"), "error");
    } else if (reply.error?.code === "unauthorized") {
      state.offline = true; // the extension's own set-up problem: never hold a send for it
      panel.notice.show("unauthorized");
      panel.setStatus(t("status_unauthorized"), "error");
    } else {
      panel.setStatus(t("status_error", [reply.error?.message || ""]), "error");
    }
  }

  function decide() {
    const text = buildTextMap(body).text;
    const recipients = safe(() => compose.getRecipients(), []);
    return decideSend({ analysis: state.analysis, fresh: state.key === keyOf(text, recipients), offline: state.offline,
      categories: prefs.categories });
  }

  // The draft changed since the last analysis: ask again, briefly; any failure lets the send go.
  async function recheck() {
    panel.setStatus(t("status_checking"), "busy");
    const snap = snapshot();
    const reply = await Promise.race([analyze(snap, RECHECK_MS),
      new Promise((resolve) => setTimeout(() => resolve(null), RECHECK_MS + 200))]);
    if (state.destroyed) return;
    if (!reply?.ok) {
      if (reply) showFailure(reply);
      guard.sendNow();
      return;
    }
    accept(reply.data, snap.key, buildTextMap(body));
    const decision = decideSend({ analysis: reply.data, fresh: true, categories: prefs.categories });
    if (decision.hold) openDialog(decision.reasons);
    else guard.sendNow();
  }

  function openDialog(reasons) {
    openSendDialog({
      compose, reasons, lang, analysis: state.analysis, schedulePath: prefs.schedulePath, text: buildTextMap(body).text,
      send: () => guard.sendNow(), message: send, insertInvitation,
      onScheduled: (sendAt, recorded) => panel.setStatus(
        t(recorded ? "status_scheduled" : "status_scheduled_unrecorded", [formatInstant(sendAt, { lang })]), "ok"),
    });
  }

  function insertInvitation(suggest) {
    insertAtStart(body, `${suggest.invitation}\n\n`);
  }

  scheduler.schedule();
  return {
    body,
    /** The page changed: re-analyse if the recipients did (chips are added without input events). */
    poke() {
      const now = safe(() => compose.getRecipients(), []).join(",");
      if (now !== state.recipients) { state.recipients = now; scheduler.schedule(); }
      underlines.reposition();
    },
    /** Tear everything down (the compose left the page). */
    destroy() {
      state.destroyed = true;
      compose.root.removeEventListener("input", onInput, true);
      scheduler.stop();
      guard.destroy();
      underlines.destroy();
      panel.destroy();
    },
  };
}

function keyOf(text, recipients) {
  return `${recipients.join(",")}\u0000${text}`;
}

function safe(fn, fallback) {
  try {
    return fn() ?? fallback;
  } catch {
    return fallback;
  }
}
