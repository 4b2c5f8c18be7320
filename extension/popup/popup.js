// Popup: is the service up, what is waiting to be sent (cancel, move), which reports are due (mark done).

import { formatInstant, fromLocalInput, toLocalInput } from "../lib/format.js";
import { ask, localize, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const PENDING = new Set(["scheduled", "sending", "failed", "unknown"]);
const VIAS = ["smtp", "file", "webmail"];
const lang = chrome.i18n.getUILanguage();

function node(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

async function refresh() {
  const health = await ask({ type: "health" });
  const status = $("status");
  status.className = `status ${health.ok ? "ok" : "bad"}`;
  status.textContent = health.ok ? t("popup_status_ok", [health.data.version]) : t("popup_status_offline");
  if (!health.ok) return;
  await Promise.all([loadScheduled(), loadReminders()]);
}

async function loadScheduled() {
  const reply = await ask({ type: "scheduled.list" });
  if (!reply.ok) return showError(reply);
  const items = reply.data.scheduled.filter((m) => PENDING.has(m.status));
  $("scheduled").replaceChildren(...items.map(scheduledItem));
  $("scheduled-empty").hidden = items.length > 0;
}

function scheduledItem(m) {
  const meta = [t(`popup_state_${m.status}`), formatInstant(m.send_at, { lang }),
    t(`popup_via_${VIAS.includes(m.via) ? m.via : "smtp"}`)].join(" · ");
  const li = node("li", {}, [
    node("div", { class: "title" }, [m.subject || t("popup_no_subject")]),
    node("div", { class: "meta" }, [t("popup_to", [m.to.join(", ")])]),
    node("div", { class: "meta" }, [meta]),
  ]);
  if (m.via === "webmail") {
    li.append(node("div", { class: "meta" }, [t("popup_webmail_hint")]));
  } else if (m.status === "scheduled") {
    li.append(scheduledActions(m));
  }
  return li;
}

function scheduledActions(m) {
  const when = node("input", { type: "datetime-local", "aria-label": t("popup_new_time") });
  when.value = toLocalInput(m.send_at);
  const move = node("button", { type: "button" }, [t("popup_reschedule")]);
  const cancel = node("button", { type: "button" }, [t("popup_cancel")]);
  move.addEventListener("click", async () => {
    const sendAt = fromLocalInput(when.value);
    if (!sendAt) return showError({ error: { message: t("popup_pick_time") } });
    const reply = await ask({ type: "scheduled.reschedule", id: m.id, send_at: sendAt });
    return reply.ok ? loadScheduled() : showError(reply);
  });
  cancel.addEventListener("click", async () => {
    const reply = await ask({ type: "scheduled.cancel", id: m.id });
    return reply.ok ? loadScheduled() : showError(reply);
  });
  return node("div", { class: "actions" }, [when, move, cancel]);
}

async function loadReminders() {
  const reply = await ask({ type: "reminders" });
  if (!reply.ok) return showError(reply);
  const items = reply.data.reminders;
  $("reminders").replaceChildren(...items.map(reminderItem));
  $("reminders-empty").hidden = items.length > 0;
}

function reminderItem(r) {
  const li = node("li", {}, [node("div", { class: r.overdue ? "overdue" : "meta" }, [r.text])]);
  if (r.overdue && r.id !== null) {
    const done = node("button", { type: "button" }, [t("popup_mark_done")]);
    done.addEventListener("click", async () => {
      const reply = await ask({ type: "reminders.done", id: r.id });
      return reply.ok ? loadReminders() : showError(reply);
    });
    li.append(node("div", { class: "actions" }, [done]));
  }
  return li;
}

function showError(reply) {
  $("error").textContent = reply.error?.message || "";
}

/** The report of the first tab in this window with an open compose, the active tab first. */
async function findReport() {
  const tabs = await chrome.tabs.query({ currentWindow: true });
  const ordered = [...tabs.filter((tab) => tab.active), ...tabs.filter((tab) => !tab.active)];
  for (const tab of ordered) {
    try {
      const reply = await chrome.tabs.sendMessage(tab.id, { type: "structure-report" });
      if (reply?.report) return reply.report;
    } catch {
      // No Tactful content script in this tab (not Gmail or Outlook): try the next one.
    }
  }
  return null;
}

async function copyReport() {
  const result = $("report-result");
  const box = $("report-text");
  const report = await findReport();
  if (!report) {
    result.textContent = t("popup_report_none");
    box.hidden = true;
    return;
  }
  box.value = report;
  box.hidden = false;
  try {
    await navigator.clipboard.writeText(report);
    result.textContent = t("popup_report_copied");
  } catch {
    box.select();
    result.textContent = document.execCommand?.("copy") ? t("popup_report_copied") : t("popup_report_shown");
  }
}

localize();
$("options").addEventListener("click", () => chrome.runtime.openOptionsPage());
$("report").addEventListener("click", copyReport);
refresh();
