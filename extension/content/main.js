// Content entry: pick the site adapter, follow compose windows as they come and go, wire the features to each.

import * as gmail from "../adapters/gmail.js";
import * as outlook from "../adapters/outlook.js";
import { createDeliveryCache } from "../lib/delivery.js";
import { normalize, publicPrefs } from "../lib/settings.js";
import { createMetrics } from "./metrics.js";
import { structureReport } from "../lib/structure-report.js";
import { createSession, message } from "./session.js";

const SCAN_MS = 250;

/** Start on this page if an adapter knows it. */
function start() {
  const here = new URL(location.href);
  const adapter = [gmail, outlook].find((a) => a.matches(here));
  if (!adapter) return;
  const metrics = here.pathname.startsWith("/demo/") ? createMetrics(document) : null;
  const prefs = publicPrefs(normalize());
  const sessions = new Map();
  const delivery = createDeliveryCache(() => message({ type: "delivery" }));
  const ctx = { metrics, prefs, message, delivery, failed: new WeakSet() };
  refreshPrefs(prefs);
  const scan = () => scanComposes(adapter, sessions, ctx);
  scan();
  watch(scan);
  answerReports(adapter, sessions);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) refreshPrefs(prefs); });
}

function scanComposes(adapter, sessions, ctx) {
  const found = new Set(adapter.findComposes(document));
  for (const [compose, session] of sessions) {
    if (!found.has(compose) || !compose.root.isConnected || session.body !== compose.body) {
      session.destroy();
      sessions.delete(compose);
    }
  }
  for (const compose of found) {
    if (!compose.body?.isConnected) continue;
    const session = sessions.get(compose);
    if (session) session.poke();
    else if (!ctx.failed.has(compose)) attach(compose);
  }

  function attach(compose) {
    try {
      sessions.set(compose, createSession(compose, ctx));
    } catch (err) {
      // Never retried for this compose: a broken start must not pile up panels on every scan.
      ctx.failed.add(compose);
      console.warn("Tactful could not attach to a compose:", err);
    }
  }
}

// New compose windows appear (and leave) by DOM changes; a trailing throttle keeps scans rare.
function watch(scan) {
  let timer = 0;
  const observer = new MutationObserver(() => {
    if (!timer) timer = setTimeout(() => { timer = 0; scan(); }, SCAN_MS);
  });
  observer.observe(document.body || document.documentElement, { childList: true, subtree: true });
}

/** The popup's "Copy page structure report": the focused (else the first) compose's redacted skeleton. */
function answerReports(adapter, sessions) {
  chrome.runtime.onMessage.addListener((msg, sender, reply) => {
    if (msg?.type !== "structure-report" || sender.id !== chrome.runtime.id || sender.tab) return false;
    try {
      const composes = adapter.findComposes(document);
      const focused = composes.find((c) => c.root.contains(document.activeElement)) || composes[0];
      if (!focused) { reply({ ok: true, report: null }); return false; }
      const opaque = [...adapter.SELECTORS.messageBody];
      reply({ ok: true, report: structureReport(focused, { version: chrome.runtime.getManifest().version, opaque }),
        features: sessions.get(focused)?.features || [] });
    } catch (err) {
      // A page the adapter cannot walk still answers: the report says what broke (no page content in it).
      reply({ ok: true, report: `Tactful page structure report\nThe adapter failed on this page: ${err?.name || "Error"}` });
    }
    return false;
  });
}

async function refreshPrefs(prefs) {
  const reply = await message({ type: "prefs" });
  if (reply.ok) Object.assign(prefs, reply.data);
}

start();
