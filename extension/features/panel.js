// The compact, collapsible Tactful panel of a compose: status, call suggestion, offline notice, client cards.

import { callHoldsSend } from "../lib/guard.js";
import { visibleFindings } from "../lib/settings.js";
import { PICKER_CSS } from "./client-picker.js";
import { CARD_CSS, renderCards } from "./etiquette-card.js";
import { createOfflineNotice, NOTICE_CSS } from "./offline-notice.js";
import { el, fill, shadowHost, t } from "./ui.js";

const CSS = `
:host { all: initial; display: block; margin: 4px 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #202124; }
.panel { border: 1px solid #dadce0; border-radius: 8px; background: #f8f9fa; padding: 4px 8px; }
.toggle { all: unset; cursor: pointer; display: flex; gap: 8px; align-items: center; width: 100%; padding: 2px 0; }
.toggle:focus-visible { outline: 2px solid #1a73e8; border-radius: 4px; }
.brand { font-weight: 600; }
.status { color: #5f6368; font-size: 12px; }
.status[data-kind="issues"] { color: #b06000; }
.status[data-kind="error"] { color: #a50e0e; }
.status[data-kind="ok"] { color: #137333; }
.chevron { margin-left: auto; color: #5f6368; }
.content[hidden] { display: none; }
.call { margin-top: 6px; padding: 6px 8px; border-radius: 6px; background: #e8f0fe; }
.call[hidden] { display: none; }
.call p { margin: 0 0 4px; font-weight: 600; }
.call[data-strength="consider"] { background: #f1f3f4; }
.call[data-strength="consider"] p { font-weight: 500; }
.call ul { margin: 0 0 6px; padding-left: 18px; }
.call button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #1a73e8; background: #fff;
  color: #1a4fa0; cursor: pointer; }
.problem { margin-top: 6px; padding: 6px 8px; border-radius: 6px; background: #fce8e6; color: #7a1c12; font-size: 12px; }
.problem[hidden] { display: none; }
` + CARD_CSS + NOTICE_CSS + PICKER_CSS;

/** The panel for one compose, inserted in compose.panelHost(); onInsertInvitation() adds the call invitation. */
export function createPanel(compose, { lang, onInsertInvitation }) {
  const doc = compose.root.ownerDocument;
  const { host, root } = shadowHost("div", { "data-tactful": "panel" }, CSS, doc);
  const status = el("span", { class: "status", role: "status" }, [t("status_waiting")], doc);
  const chevron = el("span", { class: "chevron", "aria-hidden": "true" }, ["▾"], doc);
  const toggle = el("button", { class: "toggle", type: "button", "aria-expanded": "true" },
    [el("span", { class: "brand" }, ["Tactful"], doc), status, chevron], doc);
  const notice = createOfflineNotice(doc);
  const call = el("div", { class: "call", "data-tactful": "call", hidden: true }, [], doc);
  const cards = el("div", { class: "cards" }, [], doc);
  const problems = el("div", { class: "problem", "data-tactful": "problems", role: "status", hidden: true }, [], doc);
  const sections = el("div", { class: "sections" }, [], doc);
  const content = el("div", { class: "content" }, [notice.node, problems, sections, call, cards], doc);
  root.append(el("section", { class: "panel", "aria-label": t("panel_label") }, [toggle, content], doc));
  toggle.addEventListener("click", () => {
    const open = content.hidden;
    content.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    chevron.textContent = open ? "▾" : "▸";
  });
  compose.panelHost().append(host);
  const shown = new Set();

  return {
    host, notice, root,
    /** A feature's own section, placed above the call suggestion and the cards. */
    addSection(node) { sections.append(node); },
    /** Say plainly what cannot be done on this compose (each message once). */
    addProblem(text) {
      if (shown.has(text)) return;
      shown.add(text);
      problems.append(el("div", {}, [text], doc));
      problems.hidden = false;
    },
    /** Short status next to the title; kind: ok | issues | error | busy. */
    setStatus(text, kind = "busy") {
      status.textContent = text;
      status.dataset.kind = kind;
    },
    /** Show or hide the call suggestion (suggest_call from the analysis): a recommended call (it also holds
     *  Send) or one to consider (shown here only). */
    setCall(suggest) {
      if (!suggest?.suggested) { call.hidden = true; call.replaceChildren(); delete call.dataset.strength; return; }
      const strength = callHoldsSend(suggest) ? "recommend" : "consider";
      call.dataset.strength = strength;
      const button = el("button", { type: "button", "data-action": "insert-invitation" }, [t("call_insert")], doc);
      button.addEventListener("click", () => onInsertInvitation(suggest));
      fill(call, [
        el("p", {}, [t(strength === "recommend" ? "call_title" : "call_consider_title")], doc),
        (suggest.reasons || []).length ? el("ul", {}, suggest.reasons.map((r) => el("li", {}, [r], doc)), doc) : null,
        suggest.invitation ? button : null,
      ]);
      call.hidden = false;
    },
    /** Replace the client cards, each card the user opened or closed staying as it was (a new analysis of the
     *  same draft, such as the learned pass's follow-up, must not fold a card under the user's pointer). */
    setCards(list) {
      const before = new Map([...cards.querySelectorAll('[data-tactful="card"]')]
        .map((card) => [card.dataset.client, card.open]));
      const next = renderCards(list, lang, doc);
      for (const card of next) if (before.has(card.dataset.client)) card.open = before.get(card.dataset.client);
      cards.replaceChildren(...next);
    },
    /** Take the panel off the page. */
    destroy() { host.remove(); },
  };
}

/** The panel as a feature: status, the offline notice, the call suggestion and the client cards. */
export const panelFeature = {
  name: "panel",
  start(ctx) {
    const panel = createPanel(ctx.compose, { lang: ctx.lang, onInsertInvitation: ctx.insertInvitation });
    panel.setStatus(t("status_waiting"), "busy");
    const off = [
      ctx.on("status", ({ text, kind }) => panel.setStatus(text, kind)),
      ctx.on("analysis", ({ analysis }) => {
        panel.notice.hide();
        const findings = visibleFindings(analysis.findings, ctx.prefs.categories);
        panel.setStatus(findings.length ? t("status_findings", [String(findings.length)]) : t("status_clean"),
          findings.length ? "issues" : "ok");
        panel.setCall(analysis.suggest_call);
        panel.setCards(analysis.etiquette || []);
      }),
      ctx.on("failure", (reply) => {
        if (reply.offline) {
          panel.notice.show("offline");
          panel.setStatus(t("status_offline"), "error");
        } else if (reply.error?.code === "unauthorized") {
          panel.notice.show("unauthorized");
          panel.setStatus(t("status_unauthorized"), "error");
        } else {
          panel.setStatus(t("status_error", [reply.error?.message || ""]), "error");
        }
      }),
      ctx.on("feature-failed", (name) => panel.addProblem(t("panel_feature_failed", [name]))),
      ctx.on("problem", (text) => panel.addProblem(text)),
    ];
    return { panel, stop() { off.forEach((f) => f()); panel.destroy(); } };
  },
};
