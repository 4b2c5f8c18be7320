// Underlines drawn in an overlay above the draft (never inside it), with hover and caret tooltips.

import { isLearned } from "../lib/learned.js";
import { offsetConverter } from "../lib/offsets.js";
import { visibleFindings } from "../lib/settings.js";
import { replaceRange } from "./apply.js";
import { rangeFor } from "../lib/textmap.js";
import { createTooltip, SEVERITY_COLOURS, TOOLTIP_CSS } from "./tooltip.js";
import { el, shadowHost } from "./ui.js";

const CSS = `
:host { all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; overflow: visible;
  z-index: 2147483000; pointer-events: none; }
.layer { position: fixed; overflow: hidden; pointer-events: none; }
.mark { position: absolute; pointer-events: none; }
.line { position: absolute; height: 0; border-bottom: 2px solid var(--sev); }
.mark[data-severity="info"] .line { border-bottom-style: dotted; }
.mark[data-severity="error"] .line { border-bottom-width: 3px; }
.mark[data-learned] .line { border-bottom-style: dashed; opacity: .8; }
.mark.active { background: color-mix(in srgb, var(--sev) 14%, transparent); }
` + TOOLTIP_CSS;

/** Items to draw for findings over a text map: [{finding, range}] (offsets: code points -> UTF-16 -> Range). */
export function itemsFor(findings, map) {
  const conv = offsetConverter(map.text);
  return findings.map((finding) => {
    const start = conv.toUtf16(finding.start);
    const end = conv.toUtf16(finding.end);
    return { finding, start, end, range: rangeFor(map, start, end) };
  }).filter((item) => item.end > item.start);
}

/** The overlay for one compose body; onPick(item, suggestion) applies a suggestion; layoutRoot and
 *  layoutTargets are watched so the marks follow their words when the page around the body moves. */
export function createUnderlines(body, { onPick, layoutRoot = null, layoutTargets = [] }) {
  const doc = body.ownerDocument;
  const view = doc.defaultView;
  const { host, root } = shadowHost("div", { "data-tactful": "overlay" }, CSS, doc);
  const layer = el("div", { class: "layer" }, [], doc);
  root.append(layer);
  doc.body.append(host);
  const tooltip = createTooltip(root, { onPick: (item, s) => { tooltip.hide(); onPick(item, s); } });
  let items = [];
  let frame = 0;
  let hideTimer = 0;
  let pointer = null;

  function render(next) {
    items = next;
    layer.replaceChildren(...items.map((item) => {
      item.node = el("div", { class: "mark", "data-tactful-underline": true, "data-rule": item.finding.rule,
        "data-start": item.finding.start, "data-end": item.finding.end, "data-severity": item.finding.severity,
        "data-category": item.finding.category, "data-learned": isLearned(item.finding) }, [], doc);
      item.node.style.setProperty("--sev", SEVERITY_COLOURS[item.finding.severity] || SEVERITY_COLOURS.info);
      return item.node;
    }));
    if (tooltip.item && !items.some((i) => i.finding.rule === tooltip.item.finding.rule
      && i.finding.start === tooltip.item.finding.start)) tooltip.hide();
    layout();
  }

  function layout() {
    frame = 0;
    const box = body.getBoundingClientRect();
    Object.assign(layer.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`,
      height: `${box.height}px` });
    for (const item of items) place(item, box);
  }

  function place(item, box) {
    const rects = [...item.range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    item.rects = rects;
    if (!rects.length) { item.node.hidden = true; return; }
    item.node.hidden = false;
    const u = union(rects);
    Object.assign(item.node.style, { left: `${u.left - box.left}px`, top: `${u.top - box.top}px`,
      width: `${u.width}px`, height: `${u.height}px` });
    item.node.replaceChildren(...rects.map((r) => {
      const line = el("div", { class: "line" }, [], doc);
      Object.assign(line.style, { left: `${r.left - u.left}px`, top: `${r.bottom - u.top - 2}px`,
        width: `${r.width}px` });
      return line;
    }));
  }

  /** Ask for a new layout on the next frame (scroll, resize, typing). */
  function reposition() {
    if (!frame) frame = view.requestAnimationFrame(() => { layout(); if (pointer) hover(); });
  }

  function itemAt(x, y) {
    return items.find((item) => (item.rects || []).some((r) => x >= r.left && x <= r.right && y >= r.top
      && y <= r.bottom + 3));
  }

  function hover() {
    const { x, y, overTooltip } = pointer;
    pointer = null;
    const item = itemAt(x, y);
    if (item) { clearTimeout(hideTimer); hideTimer = 0; showFor(item, false); return; }
    if (overTooltip) { clearTimeout(hideTimer); hideTimer = 0; return; }
    if (tooltip.open && !hideTimer) hideTimer = setTimeout(() => { hideTimer = 0; tooltip.hide(); mark(null); }, 400);
  }

  function showFor(item, keyboard) {
    mark(item);
    tooltip.show(item, union(item.rects && item.rects.length ? item.rects : [item.range.getBoundingClientRect()]),
      { keyboard });
  }

  function mark(item) {
    for (const i of items) i.node.classList.toggle("active", i === item);
  }

  // Underlines take no pointer events, so hovering is found by position.
  function onMouseMove(ev) {
    const overTooltip = ev.composedPath().includes(tooltip.node);
    const wasQueued = pointer !== null;
    pointer = { x: ev.clientX, y: ev.clientY, overTooltip };
    if (!wasQueued && !frame) view.requestAnimationFrame(() => { if (pointer) hover(); });
  }

  function onSelectionChange() {
    const sel = doc.getSelection();
    if (!sel || !sel.rangeCount || !body.contains(sel.anchorNode)) return;
    const item = items.find((i) => safeInRange(i.range, sel.anchorNode, sel.anchorOffset));
    if (item) showFor(item, true);
    else if (tooltip.open) { tooltip.hide(); mark(null); }
  }

  function onKeyDown(ev) {
    if (!tooltip.open) return;
    if (ev.key === "Escape") { tooltip.hide(); mark(null); ev.stopPropagation(); }
    else if (ev.altKey && ev.key === "ArrowDown" && tooltip.focusFirst()) ev.preventDefault();
  }

  const listeners = [
    [view, "scroll", reposition, { capture: true, passive: true }],
    [view, "resize", reposition, { passive: true }],
    [doc, "mousemove", onMouseMove, { passive: true }],
    [doc, "selectionchange", onSelectionChange, {}],
    [body, "keydown", onKeyDown, {}],
  ];
  for (const [target, type, fn, opts] of listeners) target.addEventListener(type, fn, opts);
  // Anything that moves the draft moves its words: the body's own size, the compose around it (a card opening
  // or closing above the body, a Cc row shown), and attribute changes that re-lay the compose out.
  const resizeObserver = new view.ResizeObserver(reposition);
  for (const target of [body, ...layoutTargets]) if (target) resizeObserver.observe(target);
  const mutations = new view.MutationObserver(reposition);
  if (layoutRoot) mutations.observe(layoutRoot, { attributes: true, subtree: true,
    attributeFilter: ["style", "class", "hidden", "open"] });

  return {
    render, reposition, host,
    get items() { return items; },
    /** Remove the overlay and every listener. */
    destroy() {
      for (const [target, type, fn, opts] of listeners) target.removeEventListener(type, fn, opts);
      resizeObserver.disconnect();
      mutations.disconnect();
      if (frame) view.cancelAnimationFrame(frame);
      clearTimeout(hideTimer);
      host.remove();
    },
  };
}

function union(rects) {
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

function safeInRange(range, node, offset) {
  try {
    return !range.collapsed && range.isPointInRange(node, offset);
  } catch {
    return false;
  }
}

/** The underlines as a feature: drawn after each analysis, moved with every layout change of the compose. */
export const underlinesFeature = {
  name: "underlines",
  needs: ["panel"],
  start(ctx) {
    const host = ctx.compose.panelHost();
    const underlines = createUnderlines(ctx.body, {
      onPick: (item, suggestion) => replaceRange(ctx.body, item.range.cloneRange(), suggestion),
      layoutRoot: ctx.compose.root, layoutTargets: [ctx.compose.root, host],
    });
    const off = [
      ctx.on("analysis", ({ analysis, map }) => {
        const findings = visibleFindings(analysis.findings, ctx.prefs.categories);
        underlines.render(itemsFor(findings, map));
        ctx.metrics?.render(findings.length);
      }),
      ctx.on("input", () => underlines.reposition()),
      ctx.on("layout", () => underlines.reposition()),
    ];
    return { underlines, stop() { off.forEach((f) => f()); underlines.destroy(); } };
  },
};
