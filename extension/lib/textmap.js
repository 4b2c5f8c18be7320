// A contenteditable element as plain text (like innerText) with a map back to its DOM nodes.
// Works on anything with the DOM Node API, so it runs on a small fake DOM in node tests.

const TEXT = 3;
const ELEMENT = 1;
const SKIPPED = new Set(["STYLE", "SCRIPT", "TEMPLATE", "NOSCRIPT", "HEAD", "TITLE"]);
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION",
  "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P",
  "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "THEAD", "TFOOT", "TR", "UL",
]);

/** Walk root and return {root, text, segments}: each segment {node, start, end} is one text node's place in text. */
export function buildTextMap(root) {
  const state = { parts: [], length: 0, segments: [], pendingBreak: false, lastChar: "" };
  for (let child = root.firstChild; child; child = child.nextSibling) walk(child, state);
  return { root, text: state.parts.join(""), segments: state.segments };
}

function walk(node, state) {
  if (node.nodeType === TEXT) return addText(node, state);
  if (node.nodeType !== ELEMENT || isHidden(node)) return;
  const tag = String(node.nodeName).toUpperCase();
  if (tag === "BR") return emit("\n", state);
  const block = BLOCKS.has(tag);
  if (block) state.pendingBreak = true;
  for (let child = node.firstChild; child; child = child.nextSibling) walk(child, state);
  if (block) state.pendingBreak = true;
}

function addText(node, state) {
  const data = String(node.data ?? node.nodeValue ?? "");
  // Source formatting between tags (a newline and indentation) renders as nothing, as in innerText.
  if (!data || (/^[ \t\r\n]*$/.test(data) && /[\r\n]/.test(data))) return;
  resolveBreak(state);
  // Same length as the node's data, so node offsets stay valid; nbsp, tabs and newlines read as spaces.
  const start = state.length;
  push(data.replace(/[\u00a0\t\r\n]/g, " "), state);
  state.segments.push({ node, start, end: state.length });
}

function emit(chars, state) {
  resolveBreak(state);
  push(chars, state);
}

function resolveBreak(state) {
  if (state.pendingBreak && state.length > 0 && state.lastChar !== "\n") push("\n", state);
  state.pendingBreak = false;
}

function push(chars, state) {
  state.parts.push(chars);
  state.length += chars.length;
  state.lastChar = chars[chars.length - 1];
}

function isHidden(el) {
  const tag = String(el.nodeName).toUpperCase();
  if (SKIPPED.has(tag)) return true;
  if (el.hasAttribute?.("hidden")) return true;
  if (el.getAttribute?.("aria-hidden") === "true" && el.getAttribute?.("contenteditable") !== "true") return true;
  return el.style?.display === "none";
}

/** Segment index holding UTF-16 offset (the last one starting at or before it); -1 when there is none. */
export function segmentAt(map, offset) {
  const segs = map.segments;
  let lo = 0, hi = segs.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** DOM position {node, offset} for a text offset; on a synthetic line break, the end of the text before it
 *  (`side: "start"` picks the start of the next text instead, so a range never starts on the break). */
export function locate(map, offset, side = "end") {
  const segs = map.segments;
  if (segs.length === 0) return { node: map.root, offset: 0 };
  const n = Math.max(0, Math.min(offset, map.text.length));
  const i = segmentAt(map, n);
  if (i === -1) return { node: segs[0].node, offset: 0 };
  const seg = segs[i];
  if (n <= seg.end) {
    if (side === "start" && n === seg.end && i + 1 < segs.length) {
      return { node: segs[i + 1].node, offset: 0 };
    }
    return { node: seg.node, offset: n - seg.start };
  }
  if (side === "start" && i + 1 < segs.length) return { node: segs[i + 1].node, offset: 0 };
  return { node: seg.node, offset: seg.end - seg.start };
}

/** A DOM Range over text offsets [start, end) (UTF-16) of a map. */
export function rangeFor(map, start, end) {
  const doc = map.root.ownerDocument;
  const range = doc.createRange();
  const a = locate(map, start, "start");
  const b = locate(map, Math.max(start, end), "end");
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** Text offset (UTF-16) of a DOM position inside the map's root, or null when it is not inside. */
export function offsetOf(map, node, offset) {
  if (!map.byNode) map.byNode = new Map(map.segments.map((seg) => [seg.node, seg]));
  const own = map.byNode.get(node);
  if (own) return own.start + Math.min(Math.max(offset, 0), own.end - own.start);
  if (node !== map.root && !map.root.contains?.(node)) return null;
  if (node.nodeType !== ELEMENT) return null;
  // The first mapped text at or after the position in document order.
  let cur = node.childNodes?.[offset] ?? after(node, map.root);
  while (cur) {
    const seg = map.byNode.get(cur);
    if (seg) return seg.start;
    cur = cur.firstChild ?? after(cur, map.root);
  }
  return map.text.length;
}

function after(node, root) {
  for (let cur = node; cur && cur !== root; cur = cur.parentNode) {
    if (cur.nextSibling) return cur.nextSibling;
  }
  return null;
}
