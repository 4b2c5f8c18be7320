// The send flow as a feature: guard Send, hold it when there is a reason, recheck a changed draft briefly,
// and open the dialog (send anyway, keep editing, deliver at the next window, propose a call).

import { formatInstant } from "../lib/format.js";
import { decideSend } from "../lib/guard.js";
import { openSendDialog } from "./send-dialog.js";
import { installSendGuard } from "./send-guard.js";
import { t } from "./ui.js";

const RECHECK_MS = 1500;

export const sendFlowFeature = {
  name: "send-flow",
  needs: ["panel"],
  start(ctx) {
    const { compose, state, prefs } = ctx;
    let guard;

    /** Is the analysis on hand about the draft and recipients as they are now? */
    function decide() {
      const snap = ctx.snapshot();
      return decideSend({ analysis: state.analysis, fresh: state.key === snap.key, offline: state.offline,
        categories: prefs.categories });
    }

    // The draft changed since the last analysis: ask again, briefly; any failure lets the send go.
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
      const decision = decideSend({ analysis: reply.data, fresh: true, categories: prefs.categories });
      if (decision.hold) openDialog(decision.reasons);
      else guard.sendNow();
    }

    function openDialog(reasons) {
      openSendDialog({
        compose, reasons, lang: ctx.lang, analysis: state.analysis, schedulePath: prefs.schedulePath,
        text: ctx.textMap().text, send: () => guard.sendNow(), message: ctx.send,
        insertInvitation: ctx.insertInvitation,
        onScheduled: (sendAt, recorded) => ctx.emit("status", { kind: "ok", text: t(
          recorded ? "status_scheduled" : "status_scheduled_unrecorded", [formatInstant(sendAt, { lang: ctx.lang })]) }),
      });
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
