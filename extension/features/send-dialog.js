// The dialog shown when a send is held: why, and what to do instead (schedule it, send anyway, keep editing, call).
// Scheduling goes by the webmail's own Schedule send by default; the service path is offered only when the service
// has a verified mail server, and a draft is discarded only once the service holds the whole message.

import { losesConversation, refusalKind, schedulePaths, serviceMessage, webmailRecord } from "../lib/delivery.js";
import { formatBoth } from "../lib/format.js";
import { callHoldsSend } from "../lib/guard.js";
import { el, shadowHost, t } from "./ui.js";

const CSS = `
:host { all: initial; position: fixed; inset: 0; z-index: 2147483001;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #202124; }
.backdrop { position: fixed; inset: 0; background: rgba(32,33,36,.45); display: flex; align-items: center;
  justify-content: center; }
.dialog { background: #fff; border-radius: 12px; max-width: 560px; width: calc(100% - 32px); padding: 18px 20px;
  box-shadow: 0 8px 28px rgba(0,0,0,.3); max-height: calc(100% - 32px); overflow: auto; box-sizing: border-box; }
h2 { font-size: 17px; margin: 0 0 10px; }
.reasons { margin: 0 0 12px; padding-left: 18px; }
.reasons li { margin-bottom: 6px; }
.reasons ul { margin: 4px 0 0; padding-left: 16px; color: #3c4043; font-size: 13px; }
.when { margin: 0 0 10px; padding: 8px 10px; border-radius: 8px; background: #e8f0fe; }
.note { margin: 0 0 10px; padding: 8px 10px; border-radius: 8px; background: #fef7e0; color: #5c3c00; font-size: 13px; }
.note.muted { background: #f1f3f4; color: #3c4043; }
.note[hidden], .error[hidden] { display: none; }
.error { color: #a50e0e; margin: 0 0 10px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
button { font: inherit; padding: 7px 14px; border-radius: 8px; border: 1px solid #dadce0; background: #fff;
  color: #202124; cursor: pointer; }
button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 1px; }
button[disabled] { opacity: .6; cursor: progress; }
`;

let openDialog = null;

/** Read a compose getter without letting a broken one stop the dialog. */
function read(fn, fallback) {
  try {
    return fn() ?? fallback;
  } catch {
    return fallback;
  }
}

/** What the compose shows for scheduling: recipients per field, subject, From, threading, attachments, body. */
export function composeFacts(compose) {
  const empty = { addresses: [], names: [] };
  const fields = read(() => compose.getRecipientFields?.(), null)
    || { to: { addresses: read(() => compose.getRecipients(), []), names: [] }, cc: empty, bcc: empty };
  return {
    fields, subject: read(() => compose.getSendSubject?.() ?? compose.getSubject(), ""),
    from: read(() => compose.getFrom?.(), null),
    reply: read(() => compose.getReplyHeaders?.(), { isReply: false, inReplyTo: null, references: null }),
    // null when they cannot be counted: the service path is then not offered (no draft discarded on a guess).
    attachments: compose.getAttachments ? read(() => compose.getAttachments(), null) : 0,
    body: read(() => compose.getBody?.(), null),
  };
}

/** Open the dialog for a held send. ctx: {compose, reasons, analysis, lang, schedulePath, delivery, text, send,
 *  message, insertInvitation, onScheduled(result), onClose}. Returns the dialog controller (one at a time). */
export function openSendDialog(ctx) {
  if (openDialog) openDialog.close();
  const doc = ctx.compose.root.ownerDocument;
  const { host, root } = shadowHost("div", { "data-tactful-host": "send-dialog" }, CSS, doc);
  const facts = composeFacts(ctx.compose);
  const outside = ctx.reasons.find((r) => r.code === "outside_hours");
  const choice = outside?.send_at ? schedulePaths({ delivery: ctx.delivery, fields: facts.fields,
    preferred: ctx.schedulePath, attachments: facts.attachments }) : null;
  const error = el("p", { class: "error", role: "alert", hidden: true }, [], doc);
  const state = { ctx, facts, outside, choice, doc };
  const buttons = actionButtons(state);
  const dialog = el("div", { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "tactful-title",
    "data-tactful": "send-dialog" }, [
    el("h2", { id: "tactful-title" }, [t("dialog_title")], doc),
    el("ul", { class: "reasons" }, ctx.reasons.map((r) => reasonItem(r, ctx, doc)), doc),
    ...scheduleNotes(state),
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
    /** Take a path off the dialog (the service refused it) and put the focus on what is left. */
    drop(path) {
      const gone = buttons.findIndex((b) => b.path === path);
      if (gone >= 0) { buttons[gone].node.remove(); buttons.splice(gone, 1); }
      for (const node of dialog.querySelectorAll(`[data-note-for="${path}"]`)) node.hidden = true;
      const next = buttons.find((b) => b.path) || buttons[0];
      next?.node.classList.add("primary");
      next?.node.focus();
    },
  };
  for (const b of buttons) b.node.addEventListener("click", () => b.run(controller));
  dialog.addEventListener("keydown", (ev) => trapKeys(ev, dialog, () => keepEditing(ctx, controller, previous)));
  openDialog = controller;
  (buttons.find((b) => b.primary) || buttons[0]).node.focus();
  return controller;
}

/** The card of the client the timing is about (for its name and time zone). */
function timingCard(ctx, clientId) {
  const cards = ctx.analysis?.etiquette || [];
  return cards.find((c) => c.client_id === clientId) || cards.find((c) => c.timezone) || null;
}

/** The lines above the buttons when the send can be scheduled: when it would arrive, and what each path means. */
function scheduleNotes({ ctx, facts, outside, choice, doc }) {
  if (!choice) return [];
  const card = timingCard(ctx, outside.client_id);
  const times = formatBoth(outside.send_at, card?.timezone, ctx.lang);
  const notes = [el("p", { class: "when", "data-tactful": "next-window" },
    [t("dialog_next_window", [times.client, card?.timezone || "", times.user])], doc)];
  if (choice.paths.includes("service") && losesConversation(facts.reply)) {
    notes.push(el("p", { class: "note", "data-note-for": "service", "data-tactful": "new-conversation" },
      [t("dialog_new_conversation", [ctx.compose.title])], doc));
  }
  if (!choice.paths.includes("service") && ctx.schedulePath === "service") {
    notes.push(el("p", { class: "note muted", "data-tactful": "service-unavailable" },
      [t(`dialog_service_unavailable_${blockerKey(choice.blocker)}`)], doc));
  }
  return notes;
}

function blockerKey(blocker) {
  return ["file_outbox", "no_sender", "not_verified", "names_only", "no_to", "unreadable"].includes(blocker) ? blocker
    : "unknown";
}

function actionButtons(state) {
  const { ctx, outside, choice, doc, facts } = state;
  const list = [];
  const add = (action, label, run, { primary = false, path = null } = {}) => list.push({ action, primary, run, path,
    node: el("button", { type: "button", "data-action": action, "data-path": path || false,
      class: primary ? "primary" : false }, [label], doc) });
  for (const [i, path] of (choice?.paths || []).entries()) {
    const label = path === "webmail" ? t("dialog_schedule_webmail", [ctx.compose.title])
      : t(losesConversation(facts.reply) ? "dialog_schedule_service_new_conversation" : "dialog_schedule_service");
    add("schedule", label, (d) => (path === "webmail" ? scheduleInWebmail(state, d) : scheduleByService(state, d)),
      { primary: i === 0, path });
  }
  if (callHoldsSend(ctx.analysis?.suggest_call) && ctx.analysis.suggest_call.invitation) {
    add("insert-invitation", t("call_insert"), (d) => { d.close(); ctx.insertInvitation(ctx.analysis.suggest_call); });
  }
  add("keep-editing", t("dialog_keep_editing"), (d) => keepEditing(ctx, d, null), { primary: !outside });
  add("send-anyway", t("dialog_send_anyway"), (d) => { d.close(); ctx.send(); });
  return list;
}

function keepEditing(ctx, dialog, previous) {
  dialog.close();
  (previous && previous.isConnected ? previous : ctx.compose.body).focus?.({ preventScroll: true });
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

/** The webmail's own Schedule send, at the instant the service computed: the service records it first (so the
 *  instant is the service's), then the webmail schedules; if the webmail fails, the record is cancelled. */
async function scheduleInWebmail({ ctx, facts, outside }, dialog) {
  dialog.busy(true);
  const recorded = await post(ctx, webmailRecord({ fields: facts.fields, subject: facts.subject,
    sendAt: outside.send_at, clientId: outside.client_id }));
  const record = recorded.ok ? recorded.data : null;
  const sendAt = record?.send_at || outside.send_at;
  try {
    await ctx.compose.scheduleSend(new Date(sendAt));
  } catch (err) {
    if (record) await ctx.message({ type: "scheduled.cancel", id: record.id });
    dialog.busy(false);
    dialog.showError(t("dialog_schedule_failed", [err?.message || String(err)]));
    return;
  }
  dialog.close();
  ctx.onScheduled?.({ path: "webmail", sendAt, record, recorded: Boolean(record), clientId: outside.client_id });
}

/** The service holds the whole message; only once it has it is the draft discarded. A refusal (attachments, a
 *  header it cannot send) leaves the draft as it is and the webmail path on offer. */
async function scheduleByService(state, dialog) {
  const { ctx, outside, doc } = state;
  dialog.busy(true);
  const facts = composeFacts(ctx.compose);  // as the compose is now, not as it was when the dialog opened
  if (facts.attachments === null) {
    dialog.busy(false);
    dialog.showError(t("dialog_service_unavailable_unreadable"));
    dialog.drop("service");
    return;
  }
  const body = facts.body || { html: "", text: ctx.text };
  const reply = await post(ctx, serviceMessage({ ...facts, body: { html: body.html, text: body.text || ctx.text },
    clientId: outside.client_id }));
  dialog.busy(false);
  if (!reply.ok) {
    if (refusalKind(reply.error) === "attachments") {
      dialog.showError(t("dialog_attachments_refused", [String(facts.attachments || 1), ctx.compose.title]));
      dialog.drop("service");
    } else {
      dialog.showError(t("dialog_schedule_failed", [reply.error?.message || t("status_offline")]));
    }
    return;
  }
  let discarded = true;
  try {
    ctx.compose.discard();
  } catch {
    discarded = false;
  }
  dialog.close();
  ctx.onScheduled?.({ path: "service", sendAt: reply.data.send_at, record: reply.data, recorded: true, discarded,
    clientId: outside.client_id, doc });
}

/** POST a scheduled message; the reply as the background gives it. */
async function post(ctx, message) {
  const clean = Object.fromEntries(Object.entries(message).filter(([, v]) => v !== undefined && v !== null));
  const reply = await ctx.message({ type: "schedule", message: clean });
  return reply || { ok: false, error: { message: t("status_offline") } };
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
