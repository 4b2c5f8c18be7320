// Options: service address and token (with a connection test), how to schedule, which categories to show.

import { CATEGORIES, isLoopback, normalizeServiceUrl, originPattern } from "../lib/settings.js";
import { ask, localize, t } from "../popup/i18n.js";

const $ = (id) => document.getElementById(id);

async function init() {
  localize();
  const reply = await ask({ type: "settings.get" });
  const settings = reply.ok ? reply.data : null;
  buildCategories(settings?.categories || {});
  if (settings) {
    $("serviceUrl").value = settings.serviceUrl;
    $("token").value = settings.token;
    for (const radio of document.querySelectorAll('input[name="schedulePath"]')) {
      radio.checked = radio.value === settings.schedulePath;
    }
  }
  $("service-form").addEventListener("submit", (ev) => { ev.preventDefault(); saveService(); });
  $("test").addEventListener("click", () => saveService().then((ok) => ok && testConnection()));
  $("schedulePath").addEventListener("change", (ev) => savePrefs({ schedulePath: ev.target.value }));
  $("categories").addEventListener("change", () => savePrefs({ categories: readCategories() }));
}

function buildCategories(values) {
  const box = $("categories");
  for (const category of CATEGORIES) {
    const input = document.createElement("input");
    input.type = "checkbox";
    input.name = category;
    input.checked = values[category] !== false;
    const label = document.createElement("label");
    label.append(input, document.createTextNode(t(`category_${category}`)));
    box.append(label);
  }
}

function readCategories() {
  return Object.fromEntries([...$("categories").querySelectorAll("input")].map((i) => [i.name, i.checked]));
}

/** Save address and token; a non-loopback address first asks for its host permission. */
async function saveService() {
  const serviceUrl = normalizeServiceUrl($("serviceUrl").value);
  if (!serviceUrl) return show("result", t("options_invalid_url"), false);
  // Requested before any other await, while the click still counts as a user gesture.
  if (!isLoopback(serviceUrl)) {
    const granted = await chrome.permissions.request({ origins: [originPattern(serviceUrl)] }).catch(() => false);
    if (!granted) return show("result", t("options_permission_denied"), false);
  }
  const reply = await ask({ type: "settings.set", settings: { serviceUrl, token: $("token").value.trim() } });
  if (!reply.ok) return show("result", reply.error.message, false);
  $("serviceUrl").value = reply.data.serviceUrl;
  show("result", t("options_saved"), true);
  return true;
}

async function testConnection() {
  show("result", t("options_testing"), null);
  const reply = await ask({ type: "test-connection" });
  if (!reply.ok) return show("result", reply.error.message, false);
  const r = reply.data;
  if (!r.reachable) return show("result", t("options_test_unreachable", [r.error?.message || ""]), false);
  if (!r.tokenAccepted) return show("result", t("options_test_token_rejected", [r.version || "?"]), false);
  return show("result", t("options_test_ok", [r.version || "?"]), true);
}

async function savePrefs(patch) {
  const reply = await ask({ type: "settings.set", settings: patch });
  show("prefs-result", reply.ok ? t("options_saved") : reply.error.message, reply.ok);
}

function show(id, text, ok) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle("ok", ok === true);
  node.classList.toggle("bad", ok === false);
  return ok === true;
}

init();
