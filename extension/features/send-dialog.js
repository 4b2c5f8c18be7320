// The dialog shown when a send is held: why, and what to do instead (send anyway, keep editing, schedule, call).

import { formatBoth } from "../lib/format.js";
import { el, shadowHost, t } from "./ui.js";

const CSS = `
:host { all: initial; position: fixed; inset: 0; z-index: 2147483001;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #202124; }
.backdrop { position: fixed; inset: 0; background: rgba(32,33,36,.45); display: flex; align-items: center;
  justify-content: center; }
.dialog { background: #fff; border-radius: 12px; max-width: 520px; width: calc(100% - 32px); padding: 18px 20px;
  box-shadow: 0 8px 28px rgba(0,0,0,.3); max-height: calc(100% - 32px); overflow: auto; box-sizing: border-box; }
h2 { font-size: 17px; margin: 0 0 10px; }
.reasons { margin: 0 0 12px; padding-left: 18px; }
.reasons li { margin-bottom: 6px; }
.reasons ul { margin: 4px 0 0; padding-left: 16px; color: #3c4043; font-size: 13px; }
.error { color: #a50e0e; margin: 0 0 10px; }
.error[hidden] { display: none; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
button { font: inherit; padding: 7px 14px; border-radius: 8px; border: 1px solid #dadce0; background: #fff;
  color: #202124; cursor: pointer; }
button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 1px; }
button[disabled] { opacity: .6; cursor: progress; }
`;

let openDialog = null;

/** Open the dialog for a held send. ctx: {compose, reasons, analysis, lang, schedulePath, text, send, message,
 *  insertInvitation, onClose}. Returns the dialog controller (one at a time per page). */
export function openSendDialog(ctx) {
  if (openDialog) openDialog.close();
  const doc = ctx.compose.root.ownerDocument;
  const { host, root } = shadowHost("div", { "data-tactful-host": "send-dialog" }, CSS, doc);
  const error = el("p", { class: "error", role: "alert", hidden: true }, [], doc);
  const buttons = actionButtons(ctx, doc);
  const dialog = el("div", { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "tactful-title",
    "data-tactful": "send-dialog" }, [
    el("h2", { id: "tactful-title" }, [t("dialog_title")], doc),
    el("ul", { class: "reasons" }, ctx.reasons.map((r) => reasonItem(r, ctx, doc)), doc),
    error,
    el("div", { class: "actions" }, buttons.map((b) => b.node), doc),
  ], doc);
  const backdrop = el("div", { class: "backdrop" }, [dialog], doc);
  backdrop.addEventListener("mousedown", (ev) => { if (ev.target === backdrop) ev.preventDefault(); });
  root.append(backdrop);
  doc.body.append(host);
  const previous = doc.activeElement;

  const controller = {
    host,
    close() {
      host.remove();
      if (openDialog === controller) openDialog = null;
      ctx.onClose?.();
    },
    showError(message) { error.textContent = message; error.hidden = false; },
    busy(on) { for (const b of buttons) b.node.disabled = on; },
  };
  for (const b of buttons) b.node.addEventListener("click", () => b.run(controller));
  dialog.addEventListener("keydown", (ev) => trapKeys(ev, dialog, () => keepEditing(ctx, controller, previous)));
  openDialog = controller;
  (buttons.find((b) => b.primary) || buttons[0]).node.focus();
  return controller;
}

function actionButtons(ctx, doc) {
  const outside = ctx.reasons.find((r) => r.code === "outside_hours");
  const list = [];
  const add = (action, label, run, primary = false) => list.push({ action, primary, run,
    node: el("button", { type: "button", "data-action": action, class: primary ? "primary" : false }, [label], doc) });
  if (outside?.send_at) add("schedule", scheduleLabel(ctx, outside), (d) => schedule(ctx, d, outside), true);
  if (ctx.analysis?.suggest_call?.suggested && ctx.analysis.suggest_call.invitation) {
    add("insert-invitation", t("call_insert"), (d) => { d.close(); ctx.insertInvitation(ctx.analysis.suggest_call); });
  }
  add("keep-editing", t("dialog_keep_editing"), (d) => keepEditing(ctx, d, null), !outside);
  add("send-anyway", t("dialog_send_anyway"), (d) => { d.close(); ctx.send(); });
  return list;
}

function keepEditing(ctx, dialog, previous) {
  dialog.close();
  (previous && previous.isConnected ? previous : ctx.compose.body).focus?.({ preventScroll: true });
}

/** The card of the client the timing is about (for its name and time zone). */
function timingCard(ctx, clientId) {
  const cards = ctx.analysis?.etiquette || [];
  return cards.find((c) => c.client_id === clientId) || cards.find((c) => c.timezone) || null;
}

function scheduleLabel(ctx, outside) {
  const card = timingCard(ctx, outside.client_id);
  const times = formatBoth(outside.send_at, card?.timezone, ctx.lang);
  return t("dialog_schedule", [times.client, card?.timezone || "", times.user]);
}

function reasonItem(reason, ctx, doc) {
  if (reason.code === "findings") {
    return el("li", {}, [t("reason_findings"), el("ul", {}, reason.findings.slice(0, 5).map((f) =>
      el("li", {}, [`“${f.excerpt}” — ${f.message}`], doc)), doc)], doc);
  }
  if (reason.code === "call") {
    return el("li", {}, [t("reason_call"), reason.reasons.length
      ? el("ul", {}, reason.reasons.map((r) => el("li", {}, [r], doc)), doc) : null], doc);
  }
  const card = timingCard(ctx, reason.client_id);
  const local = card?.local_time ? formatBoth(card.local_time, card.timezone, ctx.lang).client : "";
  return el("li", {}, [t("reason_outside_hours", [card?.name || reason.client_id || "", local])], doc);
}

/** Schedule by the chosen path; the dialog stays open with the error when something fails. */
async function schedule(ctx, dialog, outside) {
  dialog.busy(true);
  try {
    const fields = ctx.compose.getRecipientFields?.();
    const to = fields ? fields.to.addresses : ctx.compose.getRecipients();
    const cc = fields ? fields.cc.addresses : [];
    const bcc = fields ? fields.bcc.addresses : [];
    const subject = ctx.compose.getSubject();
    // Without a readable address (Outlook shows names only) the service cannot deliver: the webmail can.
    if (ctx.schedulePath === "webmail" || to.length + cc.length + bcc.length === 0) {
      await ctx.compose.scheduleSend(new Date(outside.send_at));
      // The webmail holds the message now; a failed record only costs the popup's listing.
      const recorded = await record(ctx, { to: [...to, ...cc], subject, client_id: outside.client_id,
        send_at: outside.send_at, via: "webmail" }).then(() => true, () => false);
      dialog.close();
      ctx.onScheduled?.(outside.send_at, recorded);
      return;
    }
    await record(ctx, { to: to.length ? to : cc, cc: to.length ? cc : [], bcc, subject, text: ctx.text,
      client_id: outside.client_id, when: "next_window" });
    ctx.compose.discard();
    dialog.close();
    ctx.onScheduled?.(outside.send_at, true);
  } catch (err) {
    dialog.busy(false);
    dialog.showError(t("dialog_schedule_failed", [err?.message || String(err)]));
  }
}

async function record(ctx, message) {
  const clean = Object.fromEntries(Object.entries(message).filter(([, v]) => v !== undefined && v !== null));
  const reply = await ctx.message({ type: "schedule", message: clean });
  if (!reply?.ok) throw new Error(reply?.error?.message || t("status_offline"));
  return reply.data;
}

function trapKeys(ev, dialog, onEscape) {
  ev.stopPropagation();
  if (ev.key === "Escape") { ev.preventDefault(); onEscape(); return; }
  if (ev.key !== "Tab") return;
  const items = [...dialog.querySelectorAll("button:not([disabled])")];
  if (!items.length) return;
  const active = dialog.getRootNode().activeElement;
  const i = items.indexOf(active);
  const next = ev.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i === -1 || i === items.length - 1 ? 0 : i + 1);
  ev.preventDefault();
  items[next].focus();
}

/** Whether a send dialog is open on this page. */
export function dialogOpen() {
  return openDialog !== null;
}
