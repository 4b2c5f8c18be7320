// Small helpers shared by the Gmail and Outlook adapters: pure text helpers (unit-tested in node)
// first, then DOM helpers that only run in a page.

const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
const WHOLE_ADDRESS = new RegExp(`^${ADDRESS.source}$`);
// Direction marks Gmail wraps around shortcuts ("Send ‪(Ctrl-Enter)‬"), and zero-width characters.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Every e-mail address in a chip attribute or label ("Ana Ruiz <ana@acme.com>"), lower-cased, in order. */
export function parseAddresses(text) {
  if (!text) return [];
  const found = String(text).match(ADDRESS) || [];
  return found.map((a) => a.replace(/\.$/, "").toLowerCase());
}

/** True when the whole string is one plain address (typed text that is not a chip yet). */
export function looksLikeAddress(text) {
  return WHOLE_ADDRESS.test(String(text).trim());
}

/** Addresses in text typed into a recipient field: "ana@acme.com, Bo <bo@x.org>; half@" -> 2 addresses. */
export function typedAddresses(text) {
  return String(text || "")
    .split(/[,;\n]/)
    .flatMap((part) => {
      const trimmed = part.trim();
      if (looksLikeAddress(trimmed)) return [trimmed.toLowerCase()];
      const angled = trimmed.match(/<([^<>]+)>\s*$/);
      return angled && looksLikeAddress(angled[1]) ? [angled[1].trim().toLowerCase()] : [];
    });
}

/** A label as compared: no direction marks, single spaces, lower case. */
export function normalizeLabel(text) {
  return String(text || "").replace(INVISIBLE, "").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Does text equal one of the labels, or (prefix) start with one followed by a non-letter ("Send (Ctrl-Enter)")? */
export function matchesLabel(text, labels, { prefix = false } = {}) {
  const value = normalizeLabel(text);
  if (!value) return false;
  return labels.some((label) => {
    const wanted = normalizeLabel(label);
    if (value === wanted) return true;
    return prefix && value.startsWith(wanted) && !/[\p{L}\p{N}]/u.test(value.charAt(wanted.length));
  });
}

/** The label lists for the given language codes (all of them when lang is unknown), English first. */
export function labelsFor(table, lang) {
  const code = String(lang || "").slice(0, 2).toLowerCase();
  const all = Object.values(table).flat();
  return table[code] ? [...new Set([...table[code], ...all])] : [...new Set(all)];
}

/** Two-digit zero padding for date and time fields. */
function pad(n) {
  return String(n).padStart(2, "0");
}

/** The value a date field takes for this local instant: ISO for type=date, else the page language's short form. */
export function formatDateField(date, type, lang) {
  if (type === "date") return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return date.toLocaleDateString(lang || "en", { year: "numeric", month: "short", day: "numeric" });
}

/** The value a time field takes for this local instant: HH:MM for type=time, else the page language's form. */
export function formatTimeField(date, type, lang) {
  if (type === "time") return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return date.toLocaleTimeString(lang || "en", { hour: "numeric", minute: "2-digit" });
}

/** A name as compared: no accents, single spaces, lower case ("José  Núñez" and "jose nunez" are the same). */
export function foldName(text) {
  return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(INVISIBLE, "")
    .replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * The client's last message in a conversation: messages are [{from: [addresses], names: [names], text}], oldest
 * first; own and to are {addresses, names}. Prefer the last one from a recipient of the reply, else the last not
 * from the user, else (the user unknown) the last one. Outlook's reading pane shows senders by name only.
 */
export function pickIncoming(messages, own, to) {
  const set = (list, fold) => new Set((list || []).map(fold));
  const mine = { a: set(own.addresses, (a) => a.toLowerCase()), n: set(own.names, foldName) };
  const theirs = { a: set(to.addresses, (a) => a.toLowerCase()), n: set(to.names, foldName) };
  const by = (m, who) => m.from.some((a) => who.a.has(a.toLowerCase())) || (m.names || []).some((n) => who.n.has(foldName(n)));
  const known = (m) => m.from.length > 0 || (m.names || []).length > 0;
  const withText = messages.filter((m) => m.text.trim());
  const last = (test) => [...withText].reverse().find(test);
  const found = last((m) => by(m, theirs))
    || last((m) => known(m) && !by(m, mine))
    || (mine.a.size + mine.n.size === 0 ? last(() => true) : undefined);
  return found ? found.text.trim() : "";
}

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

/** An RFC 5322 message id written <left@right> (a bare left@right is given its brackets), else null. Webmail's own
 *  ids ("#msg-f:1816…", Outlook's item ids) are not message ids and read as null. */
export function asMessageId(value) {
  const text = String(value ?? "").trim();
  if (MESSAGE_ID.test(text)) return text;
  return MESSAGE_ID.test(`<${text}>`) && !/^[a-z][a-z0-9+.-]*:/i.test(text) ? `<${text}>` : null;
}

/** Is an image's address one only the webmail can show (pasted or uploaded into the draft)? */
export function isPrivateImage(src, pageHost, hosts = []) {
  let url;
  try { url = new URL(src, `https://${pageHost || "invalid.example"}/`); } catch { return true; }
  if (url.protocol !== "https:" && url.protocol !== "http:") return true;
  return url.hostname === pageHost || hosts.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`));
}

/** URL on a demo page for this site: /demo/gmail, /demo/gmail-es, /demo/gmail.html ... */
export function isDemoPath(url, site) {
  return new RegExp(`^/demo/${site}(?:-[a-z]{2})?(?:\\.html)?/?$`).test(url.pathname)
    && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

// ---------------------------------------------------------------- DOM helpers (page only)

/** Elements matching any selector of a list (or one selector string) under root, in document order. */
export function queryAll(root, selectors) {
  const list = Array.isArray(selectors) ? selectors.join(", ") : selectors;
  // A site without such elements lists none (Outlook's twin boxes): nothing matches, rather than a SyntaxError.
  return list ? [...root.querySelectorAll(list)] : [];
}

/** The text a control shows to people: aria-label, Gmail's data-tooltip, title, then its text. */
function labelOf(el) {
  return el.getAttribute("aria-label") || el.getAttribute("data-tooltip") || el.getAttribute("title")
    || el.textContent || "";
}

/** Is the element rendered (not display:none, not inside a closed menu or minimized compose)? */
export function isShown(el) {
  return el.getClientRects().length > 0;
}

/** The first shown element under root matching the selectors whose label matches one of the labels. */
export function findByLabel(root, selectors, labels, { prefix = false, except = () => false } = {}) {
  return queryAll(root, selectors).find((el) => isShown(el) && !except(el)
    && matchesLabel(labelOf(el), labels, { prefix })) || null;
}

/** Press a control the way a mouse does: Gmail's buttons act only on mousedown + mouseup, others on click. */
export function press(el, { sequence = ["mousedown", "mouseup", "click"] } = {}) {
  const view = el.ownerDocument.defaultView;
  const box = el.getBoundingClientRect();
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
  for (const type of sequence) {
    el.dispatchEvent(new view.MouseEvent(type, { bubbles: true, cancelable: true, composed: true, view, button: 0,
      buttons: type === "mousedown" ? 1 : 0, ...at }));
  }
}

/** The whole sequence a real pointer makes, in order (Gmail's schedule menu answers nothing less). */
export const POINTER_SEQUENCE = ["pointerover", "pointerenter", "mouseover", "mouseenter", "pointermove", "mousemove",
  "pointerdown", "mousedown", "pointerup", "mouseup", "click"];

/** The node a pointer at el's centre lands on: el's innermost element there (menus listen on the inner node). */
export function pointerTarget(el) {
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const hit = box.width > 0 && box.height > 0 ? el.ownerDocument.elementFromPoint(x, y) : null;
  if (hit && el.contains(hit)) return hit;
  let inner = el;
  while (inner.firstElementChild) inner = inner.firstElementChild;
  return inner;
}

/** Press like a person with a mouse: over, move, down, up, click, with coordinates, on the inner node. */
export function pressFully(el) {
  const view = el.ownerDocument.defaultView;
  const target = pointerTarget(el);
  const box = target.getBoundingClientRect();
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
  at.screenX = at.clientX;
  at.screenY = at.clientY;
  const Pointer = view.PointerEvent || view.MouseEvent;
  for (const type of POINTER_SEQUENCE) {
    const down = type.endsWith("down");
    const init = { bubbles: !type.endsWith("enter"), cancelable: true, composed: true, view, button: 0,
      buttons: down ? 1 : 0, detail: type === "click" || type.endsWith("up") || down ? 1 : 0, ...at };
    const event = type.startsWith("pointer")
      ? new Pointer(type, { ...init, pointerId: 1, pointerType: "mouse", isPrimary: true })
      : new view.MouseEvent(type, init);
    target.dispatchEvent(event);
  }
}

/** Set an input's value through the native setter so React/Closure state sees it, then announce it. */
export function setFieldValue(input, value) {
  const view = input.ownerDocument.defaultView;
  const proto = input instanceof view.HTMLTextAreaElement ? view.HTMLTextAreaElement : view.HTMLInputElement;
  Object.getOwnPropertyDescriptor(proto.prototype, "value").set.call(input, value);
  input.dispatchEvent(new view.Event("input", { bubbles: true }));
  input.dispatchEvent(new view.Event("change", { bubbles: true }));
  input.dispatchEvent(new view.FocusEvent("blur"));
}

const TIME_VALUE = /^\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?\s*$/i;
const DATE_VALUE = /\d{4}|\d{1,2}[./-]\d{1,2}/;

/** "date", "time" or null: what a schedule picker's box is for, by its type or the shape of its value. */
export function pickerKind(input) {
  if (input.type === "date") return "date";
  if (input.type === "time") return "time";
  const value = String(input.value || "");
  if (TIME_VALUE.test(value)) return "time";
  return DATE_VALUE.test(value) ? "date" : null;
}

/**
 * The date and time boxes of an open schedule picker ({date, time}, or null): the newest dialog without a
 * message body whose inputs read as a date and a time. Gmail's carry no label ("May 16, 2026", "1:33 PM"),
 * so labels are only the last resort; two unrecognised boxes are date then time, as Gmail lays them out.
 */
export function findPickerFields(doc, selectors, labelsOf) {
  const dialogs = queryAll(doc, selectors.dialog).filter((d) => isShown(d) && !d.querySelector('[contenteditable="true"]'));
  for (const dialog of dialogs.reverse()) {
    const inputs = queryAll(dialog, selectors.pickerInput).filter(isShown);
    const date = inputs.find((i) => pickerKind(i) === "date")
      || findByLabel(dialog, ["input[aria-label]"], labelsOf(doc, "date"));
    const time = inputs.find((i) => pickerKind(i) === "time")
      || findByLabel(dialog, ["input[aria-label]"], labelsOf(doc, "time"));
    if (date && time && date !== time) return { date, time };
    if (inputs.length === 2 && !inputs.some(pickerKind)) return { date: inputs[0], time: inputs[1] };
  }
  return null;
}

/** Resolve with find()'s first truthy result, polling while the webmail renders; reject naming the control. */
export function waitFor(find, what, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const found = find();
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`Schedule send: ${what} not found`));
      return setTimeout(tick, 50);
    };
    tick();
  });
}

/** The message ids an element and its descendants carry on the given attributes, in document order. */
export function messageIdsIn(el, attributes = []) {
  if (!attributes.length) return [];
  const nodes = [el, ...queryAll(el, attributes.map((a) => `[${a}]`))];
  return nodes.flatMap((node) => attributes.map((a) => asMessageId(node.getAttribute(a)))).filter(Boolean);
}

/** Images of the body that only the webmail can show (see isPrivateImage). */
export function privateImages(body, hosts) {
  const page = body.ownerDocument.defaultView?.location?.hostname || "";
  return queryAll(body, ["img[src]"]).filter((img) => isPrivateImage(img.getAttribute("src"), page, hosts));
}

/** Addresses shown on an element's chip attributes (data-hovercard-id, email, title, aria-label ...). */
export function chipAddresses(el, attributes) {
  return attributes.flatMap((name) => parseAddresses(el.getAttribute(name)));
}

/** The widest ancestor of a recipient field that holds no other field, the body or the subject: its row. */
export function fieldRow(field, root, stops) {
  let row = field;
  while (row.parentElement && row.parentElement !== root) {
    const parent = row.parentElement;
    if (stops.some((stop) => stop && stop !== field && !row.contains(stop) && parent.contains(stop))) break;
    row = parent;
  }
  return row;
}

/** Text typed into a field and not yet turned into a chip: an input's value, or a textbox's loose text. */
export function typedText(field, chipSelector) {
  if ("value" in field && typeof field.value === "string") return field.value;
  const walker = field.ownerDocument.createTreeWalker(field, 4 /* NodeFilter.SHOW_TEXT */);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest(chipSelector)) parts.push(node.nodeValue);
  }
  return parts.join(" ");
}

const BLOCK = /^(?:ADDRESS|ARTICLE|BLOCKQUOTE|DIV|DL|DT|DD|H[1-6]|HR|LI|OL|P|PRE|SECTION|TABLE|TR|UL)$/;

/** An element's text with line breaks for <br> and blocks, leaving out subtrees matching skip (quotes). */
export function textWithout(el, skip) {
  const parts = [];
  const lineBreak = () => {
    while (parts.length && /^ *$/.test(parts[parts.length - 1])) parts.pop();
    if (parts.length && !parts[parts.length - 1].endsWith("\n")) parts.push("\n");
  };
  const visit = (node) => {
    if (node.nodeType === 3) return void parts.push(node.nodeValue.replace(/[ \t\n\r\f]+/g, " "));
    if (node.nodeType !== 1 || (skip && node.matches(skip))) return undefined;
    if (node.tagName === "BR") return void parts.push("\n");
    const block = BLOCK.test(node.tagName);
    if (block) lineBreak();
    node.childNodes.forEach(visit);
    if (block) lineBreak();
    return undefined;
  };
  el.childNodes.forEach(visit);
  return parts.join("").replace(/\u00A0/g, " ").replace(/ *\n */g, "\n").trim();
}
