// Background (Chrome/Edge service worker, Firefox background script): the only place that talks to the service.

import { apiCall, callUrl, CONTENT_TYPES, failure, isMatchedUrl, PAGE_TYPES } from "./lib/messages.js";
import { loadSettings, publicPrefs, saveSettings } from "./lib/settings.js";
import { uiLanguage } from "./lib/format.js";

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  handle(msg, sender).then(sendResponse, (err) => sendResponse(failure("internal", String(err?.message || err))));
  return true;
});

/** Route one message after checking who sent it. */
async function handle(msg, sender) {
  if (!msg || typeof msg.type !== "string") return failure("invalid_message", "a message needs a type");
  const from = senderKind(sender);
  if (from === null) return failure("forbidden", "message from an unknown sender");
  const allowed = from === "page" ? PAGE_TYPES : CONTENT_TYPES;
  if (!allowed.has(msg.type)) return failure("forbidden", `${msg.type} is not allowed from here`);
  const settings = await loadSettings();
  switch (msg.type) {
    case "prefs": return { ok: true, data: publicPrefs(settings) };
    case "settings.get": return { ok: true, data: settings };
    case "settings.set": return { ok: true, data: await saveSettings(pickSettings(msg.settings)) };
    case "test-connection": return testConnection(settings, msg);
    default: return callService(msg, settings);
  }
}

/** "page" for the extension's own pages, "content" for content scripts on matched sites, else null. */
function senderKind(sender) {
  if (!sender || sender.id !== chrome.runtime.id) return null;
  const own = chrome.runtime.getURL("");
  const url = sender.url || "";
  if (url.startsWith(own) && !sender.tab?.url?.match(/^https?:/)) return "page";
  const pageUrl = sender.origin && sender.origin !== "null" && !url ? sender.origin : url;
  if (sender.tab && sender.frameId === 0 && isMatchedUrl(pageUrl)) return "content";
  return null;
}

function pickSettings(value) {
  const src = value && typeof value === "object" ? value : {};
  const out = {};
  for (const key of ["serviceUrl", "token", "schedulePath", "categories"]) if (key in src) out[key] = src[key];
  return out;
}

/** The language the sender's strings are in (its `lang`: a page's or content script's own i18n locale, which a
 *  service worker's need not match), else the browser's; always es, pl or en. The service writes its sentences
 *  (call reasons, card notes, delivery messages) in it, so they read as the strings around them. */
function interfaceLanguage(msg) {
  return uiLanguage(typeof msg?.lang === "string" && msg.lang ? msg.lang : chrome.i18n.getUILanguage());
}

/** Make the HTTP call for a message against the configured service. */
async function callService(msg, settings) {
  let call;
  try {
    call = apiCall(msg, interfaceLanguage(msg));
  } catch (err) {
    return failure(err.code || "invalid_message", err.message, { field: err.field });
  }
  const reply = await request(settings, call);
  if (msg.type === "reminders" && reply.ok) updateBadge(reply.data.reminders || []);
  if (call.pick && reply.ok) return { ...reply, data: reply.data?.[call.pick] ?? null };
  return reply;
}

/** fetch with the token and a timeout; network trouble is "offline", service errors keep their JSON body. */
async function request(settings, call) {
  const headers = { Accept: "application/json" };
  if (call.auth && settings.token) headers.Authorization = `Bearer ${settings.token}`;
  if (call.body !== undefined) headers["Content-Type"] = "application/json";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs);
  let res;
  try {
    res = await fetch(callUrl(settings.serviceUrl, call), {
      method: call.method, headers, credentials: "omit", cache: "no-store", redirect: "error",
      body: call.body === undefined ? undefined : JSON.stringify(call.body), signal: controller.signal,
    });
  } catch (err) {
    const timedOut = err?.name === "AbortError";
    return failure("offline", timedOut ? `no answer from ${settings.serviceUrl} within ${call.timeoutMs} ms`
      : `cannot reach ${settings.serviceUrl}`, { offline: true });
  } finally {
    clearTimeout(timer);
  }
  const body = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: body };
  const error = body?.error;
  if (error && typeof error.code === "string") {
    return failure(error.code, String(error.message || error.code), { field: error.field, status: res.status });
  }
  return failure(`http_${res.status}`, `the service answered ${res.status}`, { status: res.status });
}

/** Options' "Test connection": reachable? which version? is the token accepted? can the service deliver? */
async function testConnection(settings, msg) {
  const health = await request(settings, { ...apiCall({ type: "health" }), timeoutMs: 3000 });
  if (!health.ok) {
    return { ok: true, data: { reachable: false, tokenAccepted: false, version: null, error: health.error,
      delivery: null } };
  }
  const lang = interfaceLanguage(msg);
  const me = await request(settings, { ...apiCall({ type: "delivery" }, lang), timeoutMs: 3000 });
  return { ok: true, data: {
    reachable: true, version: health.data?.version ?? null, tokenAccepted: me.ok, error: me.ok ? null : me.error,
    delivery: me.ok ? me.data?.delivery ?? null : null,
  } };
}

/** The toolbar badge shows how many reports are overdue. */
function updateBadge(reminders) {
  const due = reminders.filter((r) => r.overdue).length;
  chrome.action.setBadgeText({ text: due ? String(due) : "" });
  chrome.action.setBadgeBackgroundColor?.({ color: "#b3261e" });
}
