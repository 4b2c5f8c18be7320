// Messages between the content script / extension pages and the background, and the API call each one makes.

import { DEMO_HOSTS, SITE_HOSTS } from "./sites.js";

/** Types a content script may send (the token never leaves the background). "scheduled.cancel" is the Undo of
 *  Tactful's own notice; "delivery" says whether the service path can be offered. */
export const CONTENT_TYPES = new Set(["analyze", "etiquette", "schedule", "scheduled.cancel", "delivery", "health",
  "prefs", "clients.list", "choices.remember"]);

/** Types only the extension's own pages (options, popup) may send. */
export const PAGE_TYPES = new Set([
  ...CONTENT_TYPES, "scheduled.list", "scheduled.reschedule", "reminders", "reminders.done",
  "settings.get", "settings.set", "test-connection",
]);

export { DEMO_HOSTS, SITE_HOSTS };

/** Whether a page URL is one the content script is meant to run on. */
export function isMatchedUrl(href) {
  let url;
  try { url = new URL(href); } catch { return false; }
  if (url.protocol === "https:" && SITE_HOSTS.includes(url.hostname)) return true;
  return url.protocol === "http:" && DEMO_HOSTS.includes(url.hostname) && url.pathname.startsWith("/demo/");
}

const MAX_TIMEOUT_MS = 4000;

/** The HTTP call for a service message: {method, path, query, body, auth, timeoutMs, pick?} (pick: answer with that
 *  member of the reply only); throws a coded Error if invalid. */
export function apiCall(msg, lang) {
  const id = (v) => encodeURIComponent(requireString(v, "id"));
  const timeoutMs = Math.min(MAX_TIMEOUT_MS, Math.max(200, Number(msg.timeoutMs) || MAX_TIMEOUT_MS));
  const call = (method, path, extra = {}) => ({ method, path, query: {}, body: undefined, auth: true, timeoutMs,
    ...extra });
  switch (msg.type) {
    case "analyze":
      return call("POST", "/v1/analyze", { query: { lang }, body: requireObject(msg.request, "request") });
    case "etiquette":
      return call("GET", "/v1/etiquette", { query: { to: requireList(msg.to, "to").join(","), lang } });
    case "schedule":
      return call("POST", "/v1/scheduled", { body: requireObject(msg.message, "message") });
    case "delivery":
      return call("GET", "/v1/me", { query: { lang }, pick: "delivery" });
    case "scheduled.list":
      return call("GET", "/v1/scheduled", { query: msg.status ? { status: String(msg.status) } : {} });
    case "scheduled.cancel":
      return call("DELETE", `/v1/scheduled/${id(msg.id)}`);
    case "scheduled.reschedule":
      return call("PATCH", `/v1/scheduled/${id(msg.id)}`, { body: { send_at: requireString(msg.send_at, "send_at") } });
    case "reminders":
      return call("GET", "/v1/reminders", { query: { lang } });
    case "reminders.done":
      return call("POST", `/v1/reminders/${id(String(msg.id))}/done`);
    case "clients.list":
      return call("GET", "/v1/clients");
    case "choices.remember":
      return call("POST", "/v1/recipient-choices", { body: { recipient: requireString(msg.recipient, "recipient"),
        client_id: requireString(msg.client_id, "client_id") } });
    case "health":
      return call("GET", "/v1/health", { auth: false });
    default:
      throw invalid(`unknown message type ${JSON.stringify(msg.type)}`, "type");
  }
}

/** The full URL of a call against the configured service. */
export function callUrl(serviceUrl, call) {
  const url = new URL(call.path, serviceUrl);
  for (const [k, v] of Object.entries(call.query)) if (v !== undefined && v !== "") url.searchParams.set(k, v);
  return url.href;
}

/** A reply for a failure: {ok:false, offline, error:{code, message, field?}}. */
export function failure(code, message, { offline = false, field, status } = {}) {
  const error = { code, message };
  if (field) error.field = field;
  const reply = { ok: false, offline, error };
  if (status) reply.status = status;
  return reply;
}

function requireObject(v, field) {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw invalid(`${field} must be an object`, field);
  return v;
}

function requireList(v, field) {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "string")) {
    throw invalid(`${field} must be a non-empty list of addresses`, field);
  }
  return v;
}

function requireString(v, field) {
  if (typeof v !== "string" || !v) throw invalid(`${field} is required`, field);
  return v;
}

function invalid(message, field) {
  return Object.assign(new Error(message), { code: "invalid_message", field });
}
