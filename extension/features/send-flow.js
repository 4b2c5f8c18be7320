// The send flow as a feature: guard Send, hold it when there is a reason, recheck a changed draft briefly,
// open the dialog (schedule, send anyway, keep editing, propose a call) and confirm a schedule with Tactful's
// own notice.

import { decideSend } from "../lib/guard.js";
import { openSendDialog } from "./send-dialog.js";
import { installSendGuard } from "./send-guard.js";
import { showScheduledNotice } from "./schedule-notice.js";
import { t } from "./ui.js";

const RECHECK_MS = 1500;
const DELIVERY_WAIT_MS = 1500;

export const sendFlowFeature = {
  name: "send-flow",
  needs: ["panel"],
  start(ctx) {
    const { compose, state, prefs } = ctx;
    let guard;
    ctx.delivery?.get();  // known before Send is pressed, most of the time

    /** Is the analysis on hand about the draft and recipients as they are now? */
    function decide() {
      const snap = ctx.snapshot();
      return decideSend({ analysis: state.analysis, fresh: state.key === snap.key, offline: state.offline,
        categories: prefs.categories });
    }

    // The draft changed since the last analysis (or its sentences were still being scored): ask again, briefly;
    // any failure lets the send go.
    async function recheck() {
      ctx.emit("status", { text: t("status_checking"), kind: "busy" });
      const snap = ctx.snapshot();
      const reply = await Promise.race([ctx.analyze(snap, RECHECK_MS),
        new Promise((resolve) => setTimeout(() => resolve(null), RECHECK_MS + 200))]);
      if (state.destroyed) return;
      if (!reply?.ok) {
        if (reply) ctx.showFailure(reply);
        guard.sendNow();
        return;
      }
      ctx.accept(reply.data, snap, ctx.textMap());
      const decision = decideSend({ analysis: reply.data, fresh: true, categories: prefs.categories, settled: true });
      if (decision.hold) await openDialog(decision.reasons);
      else guard.sendNow();
    }

    /** Whether the service can deliver, waiting a moment for an answer not yet in (asked again when the last
     *  answer was none: the service may have come back). */
    async function delivery() {
      if (!ctx.delivery) return null;
      const late = new Promise((resolve) => setTimeout(() => resolve(ctx.delivery.current), DELIVERY_WAIT_MS));
      return Promise.race([ctx.delivery.get({ fresh: ctx.delivery.current === null }), late]);
    }

    async function openDialog(reasons) {
      const status = reasons.some((r) => r.code === "outside_hours") ? await delivery() : null;
      if (state.destroyed) return;
      openSendDialog({
        compose, reasons, lang: ctx.lang, analysis: state.analysis, schedulePath: prefs.schedulePath, delivery: status,
        text: ctx.textMap().text, send: () => guard.sendNow(), message: ctx.send,
        insertInvitation: ctx.insertInvitation,
        onScheduled: (result) => confirm(result),
      });
    }

    /** Tactful's own notice, in the user's language, whatever the webmail shows. */
    function confirm(result) {
      const cards = state.analysis?.etiquette || [];
      const card = cards.find((c) => c.client_id === result.clientId) || cards.find((c) => c.timezone) || null;
      showScheduledNotice({ ...result, doc: compose.root.ownerDocument, card, compose, lang: ctx.lang,
        message: ctx.send });
    }

    guard = installSendGuard(compose, { decide, onHold: openDialog, onRecheck: recheck });
    let warned = false;
    const check = () => {
      if (warned) return;
      let button = null;
      try { button = compose.getSendButton(); } catch { button = null; }
      if (!button) { warned = true; ctx.emit("problem", t("panel_send_unreadable")); }
    };
    check();
    const off = ctx.on("analysis", check);
    return { stop() { off(); guard.destroy(); } };
  },
};
