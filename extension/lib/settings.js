// Settings kept in chrome.storage.local: {serviceUrl, token, schedulePath, categories, version}.

import { CATEGORIES } from "./categories.js";

export { CATEGORIES };
export const DEFAULT_SERVICE_URL = "http://127.0.0.1:8722";
// Version 1 stored schedulePath "service" for everyone who never chose (it was the default); from version 2 the
// webmail's own Schedule send is the default, and "service" is kept only when it was chosen under version 2.
export const SETTINGS_VERSION = 2;
const KEYS = ["serviceUrl", "token", "schedulePath", "categories", "version"];

/** Fresh defaults (a new object each call, so callers may change it). */
export function defaults() {
  return {
    serviceUrl: DEFAULT_SERVICE_URL,
    token: "",
    schedulePath: "webmail",
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, true])),
    version: SETTINGS_VERSION,
  };
}

/** Stored values over the defaults, with unknown or malformed values replaced by the default. */
export function normalize(stored = {}) {
  const base = defaults();
  const url = normalizeServiceUrl(stored.serviceUrl);
  return {
    serviceUrl: url || base.serviceUrl,
    token: typeof stored.token === "string" ? stored.token.trim() : base.token,
    schedulePath: stored.schedulePath === "service" && stored.version >= SETTINGS_VERSION ? "service" : "webmail",
    categories: Object.fromEntries(
      CATEGORIES.map((c) => [c, stored.categories?.[c] === false ? false : true]),
    ),
    version: SETTINGS_VERSION,
  };
}

/** A service address as origin only ("http://127.0.0.1:8722"), or null if it is not http(s). */
export function normalizeServiceUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Whether the address is this machine (covered by the manifest's host permissions). */
export function isLoopback(serviceUrl) {
  try {
    const host = new URL(serviceUrl).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
}

/** The host permission pattern for an address ("https://tactful.example.com/*"). */
export function originPattern(serviceUrl) {
  const url = new URL(serviceUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Findings the user wants to see: categories switched off are hidden. */
export function visibleFindings(findings, categories) {
  return (findings || []).filter((f) => !categories || categories[f.category] !== false);
}

/** Settings from storage (defaults filled in). */
export async function loadSettings(storage = chrome.storage.local) {
  return normalize(await storage.get(KEYS));
}

/** Merge a change into the stored settings and return the result. */
export async function saveSettings(patch, storage = chrome.storage.local) {
  const next = normalize({ ...(await loadSettings(storage)), ...patch });
  await storage.set(next);
  return next;
}

/** What content scripts may know: everything but the token. */
export function publicPrefs(settings) {
  return { schedulePath: settings.schedulePath, categories: { ...settings.categories } };
}
