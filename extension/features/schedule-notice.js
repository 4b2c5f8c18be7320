// Tactful confirms a schedule itself: "Scheduled for Tue 09:00 (local time of Ana) — 15:00 yours. Undo", in the
// user's interface language, whatever the webmail shows. The notice belongs to the page, not to the compose (which
// closes): its Undo cancels what the service holds and puts the draft back, or presses the webmail's own undo.

import { noticeWhen, undoPlan } from "../lib/delivery.js";
import { noticeTimes } from "../lib/format.js";
import { el, fill, shadowHost, t } from "./ui.js";

const CSS = `
:host { all: initial; position: fixed; left: 50%; bottom: 84px; transform: translateX(-50%); z-index: 2147483002;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
.notice { display: flex; gap: 12px; align-items: flex-start; max-width: min(640px, calc(100vw - 32px));
  box-sizing: border-box; padding: 12px 14px; border-radius: 10px; background: #fff; color: #202124;
  border: 1px solid #c6dafc; border-left: 4px solid #1a73e8; box-shadow: 0 6px 20px rgba(0,0,0,.22); }
.notice[data-state="done"] { border-left-color: #137333; }
.notice[data-state="warn"] { border-left-color: #b06000; }
.brand { font-weight: 600; color: #1a4fa0; flex: none; }
.text { flex: 1; min-width: 0; }
.text p { margin: 0; }
.text p + p { margin-top: 4px; color: #3c4043; font-size: 13px; }
.actions { display: flex; gap: 6px; flex: none; align-items: center; }
button { font: inherit; padding: 5px 12px; border-radius: 8px; border: 1px solid #1a73e8; background: #fff;
  color: #1a4fa0; cursor: pointer; }
button.close { border-color: transparent; color: #5f6368; padding: 5px 8px; }
button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 1px; }
button[disabled] { opacity: .6; cursor: progress; }
`;
const SHOWN_MS = 45_000;

let current = null;

/** The notice's lines for a schedule: when (client's and user's time) and who holds the message. */
export function scheduledLines({ path, sendAt, card, site, recorded, discarded, lang, now }) {
  const times = noticeTimes(sendAt, card?.timezone, lang, now);
  const [key, subs] = noticeWhen(times, card?.name || "");
  const lines = [t(key, subs)];
  if (path === "service") lines.push(t(discarded === false ? "notice_by_service_draft_open" : "notice_by_service"));
  else lines.push(t(recorded ? "notice_by_webmail" : "notice_by_webmail_unrecorded", [site]));
  return lines;
}

/** Show Tactful's notice for a schedule (one per page; a new one replaces it). s: {doc, path, sendAt, card,
 *  compose, record, recorded, discarded, lang, message(msg)}. Returns the notice's controller. */
export function showScheduledNotice(s) {
  current?.close();
  const doc = s.doc;
  const { host, root } = shadowHost("div", { "data-tactful-host": "notice" }, CSS, doc);
  const text = el("div", { class: "text" }, [], doc);
  const actions = el("div", { class: "actions" }, [], doc);
  const box = el("div", { class: "notice", role: "status", "aria-live": "polite", "data-tactful": "notice",
    "data-path": s.path }, [el("span", { class: "brand" }, ["Tactful"], doc), text, actions], doc);
  root.append(box);
  doc.body.append(host);
  let timer = 0;
  const controller = {
    host, box,
    close() {
      clearTimeout(timer);
      host.remove();
      if (current === controller) current = null;
    },
  };
  const close = el("button", { type: "button", class: "close", "data-action": "notice-close",
    "aria-label": t("notice_close") }, ["✕"], doc);
  close.addEventListener("click", () => controller.close());

  const say = (lines, state = "info", extra = []) => {
    box.dataset.state = state;
    fill(text, lines.map((line) => el("p", {}, [line], doc)));
    fill(actions, [...extra, close]);
  };
  const plan = undoPlan({ path: s.path, canUnschedule: s.compose.canUnschedule });
  const lines = scheduledLines({ ...s, site: s.compose.title });
  if (plan === "hint") {
    say([...lines, t(`notice_unschedule_${s.compose.site}`)]);
  } else {
    const undo = el("button", { type: "button", "data-action": "notice-undo" }, [t("notice_undo")], doc);
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      clearTimeout(timer);
      const result = await runUndo(plan, s);
      say(result.lines, result.state, result.extra(doc));
    });
    say(lines, "info", [undo]);
  }
  // Long enough to read and act; never while the pointer or the focus is on it.
  const arm = () => { clearTimeout(timer); timer = setTimeout(() => controller.close(), SHOWN_MS); };
  box.addEventListener("pointerenter", () => clearTimeout(timer));
  box.addEventListener("pointerleave", arm);
  box.addEventListener("focusin", () => clearTimeout(timer));
  arm();
  current = controller;
  return controller;
}

const none = () => [];

/** Undo by plan: cancel at the service and put the draft back, or press the webmail's own undo. */
async function runUndo(plan, s) {
  if (plan === "cancel") return cancelAndRestore(s);
  const pressed = await s.compose.unschedule().catch(() => false);
  if (!pressed) return { lines: [t(`notice_unschedule_${s.compose.site}`)], state: "warn", extra: none };
  // The webmail holds the message no more: the service's record says so (a failure only costs the popup's list).
  if (s.record?.id) await s.message({ type: "scheduled.cancel", id: s.record.id });
  return { lines: [t("notice_unscheduled", [s.compose.title])], state: "done", extra: none };
}

async function cancelAndRestore(s) {
  const reply = await s.message({ type: "scheduled.cancel", id: s.record.id });
  if (!reply?.ok) {
    const tooLate = reply?.status === 409;
    return { lines: [tooLate ? t("notice_too_late") : t("notice_undo_failed", [reply?.error?.message || ""])],
      state: "warn", extra: none };
  }
  const message = reply.data;
  const back = await s.compose.reopen(message).catch(() => ({ opened: false, complete: false }));
  if (back.opened) {
    return { lines: [t(back.complete ? "notice_cancelled_restored" : "notice_cancelled_check")], state: "done",
      extra: none };
  }
  return { lines: [t("notice_cancelled_not_restored")], state: "warn", extra: (doc) => [copyButton(doc, message)] };
}

/** "Copy the message": recipients, subject and text, for pasting into a new draft by hand. */
function copyButton(doc, message) {
  const button = el("button", { type: "button", "data-action": "notice-copy" }, [t("notice_copy")], doc);
  const text = [
    message.to?.length ? `To: ${message.to.join(", ")}` : "", message.cc?.length ? `Cc: ${message.cc.join(", ")}` : "",
    message.bcc?.length ? `Bcc: ${message.bcc.join(", ")}` : "", message.subject ? `Subject: ${message.subject}` : "",
    "", message.text || "",
  ].filter((line, i) => line || i >= 4).join("\n");
  button.addEventListener("click", async () => {
    try {
      await doc.defaultView.navigator.clipboard.writeText(text);
      button.textContent = t("notice_copied");
    } catch {
      button.textContent = t("notice_copy_failed");
    }
  });
  return button;
}

/** The notice on screen, if any (for tests and the send flow). */
export function currentNotice() {
  return current;
}
