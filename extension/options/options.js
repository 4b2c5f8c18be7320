// Options: service address and token (with a connection test), how to schedule (and, when the service cannot
// deliver, why not and how to set a mail server up), which categories to show.

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
  $("delivery-refresh").addEventListener("click", () => loadDelivery());
  await loadDelivery();
}

/** Can the service deliver messages itself? When it cannot, say why and how to set a mail server up. */
async function loadDelivery() {
  const reply = await ask({ type: "delivery" });
  showDelivery(reply.ok ? reply.data : null, reply.ok ? null : reply);
}

function showDelivery(delivery, failure) {
  const box = $("delivery");
  const open = delivery?.service_path === true;
  const reason = !delivery ? (failure?.offline ? "offline" : "unknown") : open ? null : delivery.reason || "not_verified";
  box.dataset.state = open ? "ok" : "unavailable";
  box.dataset.reason = reason || "";
  $("delivery-why").textContent = open ? t("options_delivery_ok")
    : t(`options_delivery_${["file_outbox", "no_sender", "not_verified", "offline"].includes(reason) ? reason : "unknown"}`);
  // The service's own sentence (in this interface language): what it delivers through, or what to fix and how.
  $("delivery-message").textContent = delivery?.message || failure?.error?.message || "";
  $("delivery-message").hidden = !$("delivery-message").textContent;
  const service = document.querySelector('input[name="schedulePath"][value="service"]');
  service.disabled = !open;
  $("service-choice").classList.toggle("unavailable", !open);
  if (!open && service.checked) document.querySelector('input[name="schedulePath"][value="webmail"]').checked = true;
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
  showDelivery(r.delivery, null);
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
