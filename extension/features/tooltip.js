// The finding's tooltip: why it reads badly, its category, calmer wordings to pick (suggestions: replacements for
// the marked words, applied as typed text) and advice (guidance shown beside them, never inserted).

import { isLearned } from "../lib/learned.js";
import { el, fill, t } from "./ui.js";

export const TOOLTIP_CSS = `
.tooltip { position: fixed; pointer-events: auto; max-width: 340px; box-sizing: border-box; padding: 10px 12px;
  background: #fff; color: #202124; border: 1px solid #dadce0; border-radius: 8px; z-index: 1;
  box-shadow: 0 2px 10px rgba(0,0,0,.18); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.tooltip[hidden] { display: none; }
.head { display: flex; gap: 6px; align-items: center; margin-bottom: 4px; font-size: 12px; color: #5f6368; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--sev); flex: none; }
.message { margin: 0 0 8px; }
.suggestions { display: flex; flex-direction: column; gap: 4px; }
button { font: inherit; text-align: left; padding: 5px 8px; border-radius: 6px; border: 1px solid #dadce0;
  background: #f8f9fa; color: #1a4fa0; cursor: pointer; }
button:hover, button:focus-visible { background: #e8f0fe; outline: 2px solid #1a73e8; outline-offset: 0; }
.hint { margin-top: 6px; font-size: 11px; color: #5f6368; }
.advice { margin: 8px 0 0; padding: 6px 8px; border-radius: 6px; background: #f1f3f4; color: #3c4043; }
.advice h3 { margin: 0 0 2px; font-size: 11px; font-weight: 600; color: #5f6368; text-transform: uppercase;
  letter-spacing: .03em; }
.advice ul { margin: 0; padding-left: 16px; }
.advice li + li { margin-top: 2px; }
.learned { font-size: 11px; color: #5f6368; margin: -4px 0 8px; }
`;

export const SEVERITY_COLOURS = { error: "#d93025", warning: "#e37400", info: "#1a73e8" };

/** Build the tooltip inside a shadow root; onPick(item, suggestion) applies a suggestion. */
export function createTooltip(root, { onPick, onClose }) {
  const doc = root.ownerDocument;
  const node = el("div", { class: "tooltip", "data-tactful": "tooltip", role: "tooltip", hidden: true }, [], doc);
  root.append(node);
  let current = null;

  function show(item, anchor, { keyboard = false } = {}) {
    if (current === item && !node.hidden) return place(anchor);
    current = item;
    const f = item.finding;
    node.style.setProperty("--sev", SEVERITY_COLOURS[f.severity] || SEVERITY_COLOURS.info);
    const buttons = (f.suggestions || []).map((s, i) => {
      const b = el("button", { type: "button", "data-tactful-suggestion": i }, [s], doc);
      b.addEventListener("click", (ev) => { ev.preventDefault(); onPick(item, s); });
      return b;
    });
    const advice = (f.advice || []).filter((a) => typeof a === "string" && a.trim());
    fill(node, [
      el("div", { class: "head" }, [el("span", { class: "dot" }, [], doc),
        `${t(`category_${f.category}`)} · ${t(`severity_${f.severity}`)}`], doc),
      el("p", { class: "message" }, [f.message || ""], doc),
      isLearned(f) ? el("p", { class: "learned" }, [t("tooltip_learned")], doc) : null,
      buttons.length ? el("div", { class: "suggestions", "aria-label": t("tooltip_suggestions") }, buttons, doc) : null,
      advice.length ? el("div", { class: "advice", "data-tactful": "advice" }, [
        el("h3", {}, [t("tooltip_advice")], doc),
        el("ul", {}, advice.map((a) => el("li", {}, [a], doc)), doc)], doc) : null,
      keyboard && buttons.length ? el("div", { class: "hint" }, [t("tooltip_keyboard_hint")], doc) : null,
    ]);
    node.hidden = false;
    place(anchor);
  }

  function place(anchor) {
    if (!anchor) return;
    const view = doc.defaultView;
    const width = Math.min(340, view.innerWidth - 16);
    const left = Math.max(8, Math.min(anchor.left, view.innerWidth - width - 8));
    const below = anchor.bottom + 6;
    const height = node.offsetHeight || 120;
    const top = below + height > view.innerHeight && anchor.top - height - 6 > 0 ? anchor.top - height - 6 : below;
    node.style.left = `${left}px`;
    node.style.top = `${top}px`;
  }

  function hide() {
    if (node.hidden) return;
    node.hidden = true;
    current = null;
    onClose?.();
  }

  node.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { ev.preventDefault(); ev.stopPropagation(); hide(); }
  });

  return {
    node, show, hide,
    get item() { return current; },
    get open() { return !node.hidden; },
    /** Move keyboard focus to the first suggestion. */
    focusFirst() { node.querySelector("button")?.focus(); return !!node.querySelector("button"); },
  };
}
