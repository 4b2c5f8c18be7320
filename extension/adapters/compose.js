// The parts of a Compose that work the same way in Gmail and Outlook once a site has said which selectors and
// labels it uses: the whole composer found from its body, recipients per field, the conversation, the panel host.

import { chipAddresses, fieldRow, findByLabel, foldName, isDemoPath, isShown, labelsFor, looksLikeAddress,
  matchesLabel, messageIdsIn, normalizeLabel, parseAddresses, pickIncoming, press, privateImages, queryAll,
  setFieldValue, textWithout, typedAddresses, typedText, waitFor } from "./dom.js";

export const FIELD_KINDS = ["to", "cc", "bcc"];

/** Elements of a list that no other element of the list contains, in document order. */
export function outermost(list) {
  const unique = [...new Set(list)];
  return unique.filter((el) => !unique.some((other) => other !== el && other.contains(el)))
    .sort((a, b) => (a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
}

function unique(list) {
  return [...new Set(list)];
}

/** Editable bodies under root matching the site's selectors, without editables nested in another. */
export function bodiesIn(root, selectors, isBody) {
  const found = queryAll(root, selectors).filter(isBody);
  return found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
}

/** One Compose object per body element, rebuilt only when the body left its compose. */
export function composeCache() {
  const cache = new WeakMap();
  return (body, make) => {
    const known = cache.get(body);
    if (known && known.root.isConnected && known.root.contains(body)) return known;
    const made = make();
    if (made) cache.set(body, made);
    return made;
  };
}

// ------------------------------------------------------------------------------------ fields

/** Recipient fields of one kind under root: by name on the control or its wrapper (Gmail's div.anm[name=to]),
 *  or by label; outermost only, so a labelled input inside a named wrapper counts once. */
export function fieldsOf(root, spec, kind) {
  const named = spec.fieldNames[kind].length
    ? queryAll(root, spec.fieldNames[kind].map((n) => `[name="${n}"]:not([type="hidden"])`)) : [];
  const labelled = queryAll(root, spec.fields).filter((el) => matchesLabel(el.getAttribute("aria-label"),
    spec.fieldLabels[kind]));
  return outermost([...named, ...labelled]);
}

/** The subject input under root: by the site's stable selector or by its label in en/es/pl. */
export function subjectInput(root, spec) {
  return queryAll(root, spec.subject)[0]
    || queryAll(root, spec.subjectLabelled).find((el) => matchesLabel(el.getAttribute("aria-label")
      || el.getAttribute("placeholder"), spec.subjectLabels)) || null;
}

/** Does el hold any part of a compose's metadata (a recipient field or the subject)? */
function hasMetadata(el, spec) {
  return Boolean(subjectInput(el, spec)) || FIELD_KINDS.some((kind) => fieldsOf(el, spec, kind).length > 0);
}

/** A chip's display name: data-name, its label without the site's prefix ("Opens card for …"), or its text. */
export function chipName(chip, spec) {
  const named = chip.getAttribute("data-name");
  if (named && named.trim()) return named.trim();
  let label = chip.getAttribute("aria-label") || "";
  for (const prefix of spec.chipLabelPrefixes) {
    if (normalizeLabel(label).startsWith(normalizeLabel(prefix))) label = label.trim().slice(prefix.length);
  }
  if (label.trim()) return label.replace(/\s+/g, " ").trim();
  const parts = [];
  const walker = chip.ownerDocument.createTreeWalker(chip, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const button = node.parentElement.closest('[role="button"], button');
    if (!button || button === chip || !chip.contains(button)) parts.push(node.nodeValue);
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** What one field holds: chips' addresses, names shown without an address, and typed addresses. */
function readField(field, container, spec) {
  const addresses = [];
  const names = [];
  for (const chip of outermost(queryAll(container, spec.chips))) {
    const found = chipAddresses(chip, spec.chipAttributes);
    if (found.length) { addresses.push(...found); continue; }
    const name = chipName(chip, spec);
    if (looksLikeAddress(name)) addresses.push(name.trim().toLowerCase());
    else if (name) names.push(name);
  }
  const controls = field.matches("input, textarea, [contenteditable='true']") ? [field]
    : queryAll(field, ['input:not([type="hidden"])', "textarea", '[contenteditable="true"]']);
  for (const control of controls) addresses.push(...typedAddresses(typedText(control, spec.chips.join(", "))));
  return { addresses, names };
}

/** Gmail's hidden twins (span[email] in the collapsed summary), To and Cc only: after a "Bcc:" text they are Bcc. */
function twinsOf(root, body, spec) {
  const found = { addresses: [], names: [] };
  for (const box of queryAll(root, spec.twinBoxes)) {
    let bcc = false;
    const walker = root.ownerDocument.createTreeWalker(box, 1 | 4 /* elements and text */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        if (spec.fieldLabels.bcc.some((l) => new RegExp(`(^|\\W)${escape(l)}\\s*:`, "iu").test(node.nodeValue))) bcc = true;
      } else if (!bcc && node.matches(spec.twins) && !body.contains(node)) {
        found.addresses.push(...chipAddresses(node, spec.chipAttributes));
      }
    }
  }
  return found;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** {to, cc, bcc}: each {addresses, names} read from its own field's chips and typed text, never mixed. */
export function recipientFields(root, body, spec) {
  const found = Object.fromEntries(FIELD_KINDS.map((kind) => [kind, fieldsOf(root, spec, kind)]));
  if (!FIELD_KINDS.some((kind) => found[kind].length)) {
    // A locale whose labels we do not know: Gmail's first recipient combobox is always To.
    const unlabeled = queryAll(root, spec.unlabeledTo).filter((el) => !body.contains(el));
    if (unlabeled.length) found.to = [unlabeled[0]];
  }
  const all = FIELD_KINDS.flatMap((kind) => found[kind]);
  const stops = [...all, body, subjectInput(root, spec)].filter(Boolean);
  const result = {};
  for (const kind of FIELD_KINDS) {
    const parts = found[kind].map((field) => readField(field,
      field.matches("input, textarea") ? fieldRow(field, root, stops) : field, spec));
    result[kind] = { addresses: unique(parts.flatMap((p) => p.addresses)), names: unique(parts.flatMap((p) => p.names)) };
  }
  const read = FIELD_KINDS.some((kind) => result[kind].addresses.length || result[kind].names.length);
  if (!read) {
    // Collapsed recipients: the summary's twins, else (an inline reply showing chips only) the chips outside the body.
    const twins = twinsOf(root, body, spec);
    if (twins.addresses.length) result.to = { addresses: unique(twins.addresses), names: [] };
    else if (!all.length) {
      const chips = outermost(queryAll(root, spec.chips)).filter((chip) => !body.contains(chip));
      const parts = chips.map((chip) => readField(chip, chip, spec));
      result.to = { addresses: unique(parts.flatMap((p) => p.addresses)), names: unique(parts.flatMap((p) => p.names)) };
    }
  }
  return result;
}

/** Addresses in To and Cc (Bcc is not who the message is written to). */
export function recipientsOf(fields) {
  return unique([...fields.to.addresses, ...fields.cc.addresses]);
}

/** Display names in To and Cc that the page shows without an address (Outlook's pills). */
export function recipientNamesOf(fields) {
  const seen = new Set();
  return [...fields.to.names, ...fields.cc.names].filter((name) => {
    const key = foldName(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ------------------------------------------------------------------------------------ the composer

/** The nearest ancestor of the body that holds a Send control. */
function sendRootOf(body, findSend) {
  for (let el = body.parentElement; el; el = el.parentElement) {
    if (findSend(el)) return el;
  }
  return null;
}

/**
 * The whole composer: from the nearest ancestor holding Send up to the first that also holds the metadata
 * (recipient fields or subject) — Gmail keeps them in form.bAs beside the body's table.iN — never taking in
 * another compose's body or a conversation message. Without metadata anywhere, the nearest with Send.
 */
export function rootOf(body, { findSend, isBody, spec }) {
  const near = sendRootOf(body, findSend);
  if (!near) return null;
  const doc = body.ownerDocument;
  for (let el = near; el && el !== doc.documentElement; el = el.parentElement) {
    if (el !== near && (queryAll(el, spec.body).some((other) => isBody(other) && !other.contains(body)
      && !body.contains(other)) || queryAll(el, [...spec.messages, ...spec.messageBody]).length)) break;
    if (hasMetadata(el, spec)) return el;
  }
  return near;
}

// ------------------------------------------------------------------------------------ the conversation

/** The widest ancestor of a message body that holds no other message, not the compose, inside its pane. */
function itemOf(messageBody, root, bodies, spec) {
  let item = messageBody;
  while (item.parentElement) {
    const parent = item.parentElement;
    if (parent.contains(root) || parent.matches(spec.pane)
      || bodies.some((other) => other !== messageBody && parent.contains(other))) break;
    item = parent;
  }
  return item;
}

/** The conversation's messages on screen, outside the compose: marked items, else each body's own block. */
export function conversationItems(root, spec) {
  const doc = root.ownerDocument;
  const outside = (el) => !root.contains(el) && !el.contains(root) && isShown(el);
  const marked = outermost(queryAll(doc, spec.messages).filter(outside));
  const bodies = outermost(queryAll(doc, spec.messageBody).filter(outside));
  const loose = bodies.filter((b) => !marked.some((m) => m.contains(b)));
  return outermost([...marked, ...loose.map((b) => itemOf(b, root, bodies, spec))]);
}

/** A label's name part: without the given prefixes ("From:", "Account manager for"), addresses or brackets. */
export function nameFromLabel(label, prefixes) {
  let text = String(label || "").replace(/\([^)]*@[^)]*\)/g, "").replace(/<[^>]*>/g, "");
  for (const prefix of prefixes) {
    if (normalizeLabel(text).startsWith(normalizeLabel(prefix))) text = text.trim().slice(prefix.length);
  }
  text = text.replace(/\S+@\S+/g, "").replace(/\s+/g, " ").trim();
  return text;
}

/** Who wrote a message: {from: addresses, names}, from the first sender element that says anything. */
function senderOf(item, spec) {
  for (const el of queryAll(item, spec.sender)) {
    const from = chipAddresses(el, spec.senderAttributes);
    const name = el.getAttribute("name") || nameFromLabel(el.getAttribute("aria-label"), spec.senderPrefixes)
      || el.textContent.replace(/\s+/g, " ").trim();
    if (from.length || name) return { from, names: name && !looksLikeAddress(name) ? [name] : [] };
  }
  return { from: [], names: [] };
}

/** The user: addresses and names read from the page's account control and title. */
function ownIdentity(doc, spec) {
  const labels = queryAll(doc, spec.account).flatMap((el) => [el.getAttribute("aria-label"), el.getAttribute("title")])
    .filter(Boolean);
  return {
    addresses: unique([...labels.flatMap(parseAddresses), ...parseAddresses(doc.title)]),
    names: unique(labels.map((label) => nameFromLabel(label, spec.accountPrefixes)).filter((n) => n.length > 2)),
  };
}

/** Is this compose a reply below an open conversation (not a new-message dialog or a lone pop-out)? */
function isReply(root, spec) {
  return !root.closest(spec.dialog) && conversationItems(root, spec).length > 0;
}

/** {messages, incoming}: how many messages the conversation shows and the client's last one, quotes left out. */
export function threadOf(root, fields, spec) {
  if (root.closest(spec.dialog)) return { messages: 0, incoming: "" };
  const items = conversationItems(root, spec);
  const messages = items.map((item) => {
    const bodies = item.matches(spec.messageBody.join(", ")) ? [item] : outermost(queryAll(item, spec.messageBody));
    return { ...senderOf(item, spec), text: bodies.map((el) => textWithout(el, spec.quoted)).join("\n") };
  });
  const to = { addresses: recipientsOf(fields), names: recipientNamesOf(fields) };
  return { messages: items.length, incoming: pickIncoming(messages, ownIdentity(root.ownerDocument, spec), to) };
}

/** The compose's subject: its subject field, or for a reply the conversation's heading. */
export function subjectOf(root, spec) {
  const input = subjectInput(root, spec);
  const typed = input ? String(input.value || "").trim() : "";
  if (!isReply(root, spec)) return typed;
  const heading = queryAll(root.ownerDocument, spec.heading).find((el) => !root.contains(el));
  return (heading ? heading.textContent.replace(/\s+/g, " ").trim() : "") || typed;
}

const REPLY_SUBJECT = /^\s*(?:re|aw|sv|rv|res|odp|odp\.)\s*:/i;

/** The subject the webmail would send: its subject field (Gmail keeps a reply's "Re: …" in a hidden one), else
 *  for a reply the conversation's heading with "Re: " before it. */
export function sendSubjectOf(root, spec) {
  const input = subjectInput(root, spec);
  const own = input ? String(input.value || "").trim() : "";
  if (own || !isReply(root, spec)) return own;
  const heading = subjectOf(root, spec);
  return !heading || REPLY_SUBJECT.test(heading) ? heading : `Re: ${heading}`;
}

/** Whether the compose answers a message and, if the page shows them, the thread's message ids:
 *  {isReply, inReplyTo, references}. Gmail and Outlook show none today (Gmail's data-message-id is its own
 *  "#msg-f:…" id, not the RFC 5322 Message-ID), so a reply's ids read as null there. */
export function replyHeadersOf(root, spec) {
  const reply = isReply(root, spec) || REPLY_SUBJECT.test(subjectOf(root, spec));
  if (!reply || root.closest(spec.dialog) && !isReply(root, spec)) {
    return { isReply: reply, inReplyTo: null, references: null };
  }
  const ids = [...new Set(conversationItems(root, spec)
    .flatMap((item) => messageIdsIn(item, spec.messageIdAttributes)))];
  return { isReply: true, inReplyTo: ids.at(-1) || null, references: ids.length ? ids.slice(-20).join(" ") : null };
}

/** How many files the compose would send besides its text: the site's attachment chips, and images in the body
 *  that only exist inside the webmail (pasted or uploaded into the draft: blob:, data:, cid: or the webmail's own
 *  hosts), which the service could not deliver either. */
export function attachmentsIn(root, body, spec, site) {
  return site.attachmentChips(root).length + privateImages(body, spec.privateImageHosts).length;
}

/** The account's address as the compose shows it (Gmail's From field), else the account control's, else null. */
export function fromOf(root, spec) {
  const field = queryAll(root, spec.from).map((el) => parseAddresses(el.value || el.getAttribute("value")
    || el.getAttribute("aria-label") || el.textContent)[0]).find(Boolean);
  return field || ownIdentity(root.ownerDocument, spec).addresses[0] || null;
}

const XHTML = / xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"/g;

/** The body's markup as written: getHTML() where the browser has it, else each child serialized. */
function markupOf(body) {
  if (typeof body.getHTML === "function") return body.getHTML();
  const serializer = new body.ownerDocument.defaultView.XMLSerializer();
  return [...body.childNodes].map((node) => serializer.serializeToString(node).replace(XHTML, "")).join("");
}

/** The body as written (HTML, which the service sanitizes) and as plain text. */
export function bodyOf(body) {
  return { html: markupOf(body), text: textWithout(body, null) };
}

/** A container for the shared panel, above the body and outside it, created once per compose. */
export function panelHostIn(root, body) {
  const known = root.querySelector(":scope [data-tactful='panel-host']");
  if (known) return known;
  const host = root.ownerDocument.createElement("div");
  host.dataset.tactful = "panel-host";
  body.parentElement.insertBefore(host, body);
  return host;
}

/** A compose's Send control: a labelled button that does not open a menu, else the site's fallback. */
export function sendButtonIn(root, spec, labels) {
  return findByLabel(root, spec.sendButton, labels, { prefix: true,
    except: (el) => el.getAttribute("aria-haspopup") === "true" || el.getAttribute("aria-haspopup") === "menu" })
    || queryAll(root, spec.sendFallback).find((el) => el.getClientRects().length > 0) || null;
}

// ------------------------------------------------------------------------------------ putting a draft back

const INERT = "script, style, iframe, frame, frameset, object, embed, form, input, button, textarea, select, " +
  "link, meta, base, svg, math, template";
const SAFE_URL = /^(https?:|mailto:|cid:|data:image\/(png|gif|jpe?g|webp);)/i;

/** A held message's HTML, cleaned again before it goes back into the webmail's DOM (the service sanitized it;
 *  this page trusts no one): parsed inert, no active elements, no handlers, only plain links and images. */
export function restorableMarkup(doc, html) {
  const parsed = new doc.defaultView.DOMParser().parseFromString(String(html), "text/html");
  for (const node of parsed.body.querySelectorAll(INERT)) node.remove();
  for (const node of parsed.body.querySelectorAll("*")) {
    for (const { name, value } of [...node.attributes]) if (unsafeAttribute(name, value)) node.removeAttribute(name);
  }
  return markupOf(parsed.body).trim();
}

const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "xlink:href", "action", "formaction", "background"]);

function unsafeAttribute(name, value) {
  if (name.startsWith("on")) return true;
  if (URL_ATTRIBUTES.has(name)) return !SAFE_URL.test(value.trim());
  return name === "style" && /url\s*\(|expression\s*\(/i.test(value);
}

/** Type addresses into a recipient field the way a person does, so the webmail turns them into chips. */
function typeAddresses(field, addresses) {
  const doc = field.ownerDocument;
  const view = doc.defaultView;
  const control = field.matches("input, textarea, [contenteditable='true']") ? field
    : queryAll(field, ['input:not([type="hidden"])', "textarea", '[contenteditable="true"]'])[0];
  if (!control) return;
  control.focus();
  if ("value" in control && typeof control.value === "string") setFieldValue(control, addresses.join(", "));
  else doc.execCommand("insertText", false, addresses.join("; "));
  control.dispatchEvent(new view.KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true,
    cancelable: true }));
  control.blur();
}

/** Put a cancelled message back into a new compose of this page: press the webmail's own Compose (New mail),
 *  then fill To, Cc, Bcc, subject and text as typed. {opened, complete}: complete when every recipient and the
 *  subject read back as they were. The body goes in as text (never as HTML built from server data). */
export async function openDraftIn(doc, site, message) {
  const before = new Set(site.findComposes(doc));
  const button = site.composeButton(doc);
  if (!button) return { opened: false, complete: false };
  site.press(button);
  let compose;
  try {
    compose = await waitFor(() => site.findComposes(doc).find((c) => !before.has(c)), "a new compose");
  } catch {
    return { opened: false, complete: false };
  }
  const spec = site.spec(doc);
  for (const kind of FIELD_KINDS) {
    const addresses = message[kind] || [];
    if (!addresses.length) continue;
    if (!fieldsOf(compose.root, spec, kind).some(isShown)) site.revealField(compose.root, kind);
    const field = fieldsOf(compose.root, spec, kind).find(isShown);
    if (field) typeAddresses(field, addresses);
  }
  const subject = subjectInput(compose.root, spec);
  if (subject && message.subject) setFieldValue(subject, message.subject);
  compose.body.focus();
  const markup = message.html ? restorableMarkup(doc, message.html) : "";
  // As typed (undo works): the formatting the service held, else its text.
  if (!(markup && doc.execCommand("insertHTML", false, markup)) && message.text) {
    doc.execCommand("insertText", false, message.text);
  }
  const got = compose.getRecipientFields();
  const same = (kind) => (message[kind] || []).every((a) => got[kind].addresses.includes(a.toLowerCase()
    .replace(/^.*<([^>]+)>$/, "$1")));
  const complete = FIELD_KINDS.every(same) && (!message.subject || !subject || subject.value === message.subject);
  return { opened: true, complete };
}

/** A site's findComposes, built from its parts: how to spot a body, find Send and Discard, press, schedule. */
export function composeFinder(site) {
  const cached = composeCache();
  const must = (el, what) => {
    if (!el) throw new Error(`${site.title}: the "${what}" control was not found in this compose`);
    return el;
  };
  function make(body) {
    const spec = site.spec(body.ownerDocument);
    const root = rootOf(body, { findSend: site.sendButton, isBody: site.isBody, spec });
    if (!root) return null;
    const fields = () => recipientFields(root, body, site.spec(root.ownerDocument));
    const compose = {
      site: site.name,
      root,
      body,
      getRecipients: () => recipientsOf(fields()),
      getRecipientNames: () => recipientNamesOf(fields()),
      getRecipientFields: fields,
      getSubject: () => subjectOf(root, site.spec(root.ownerDocument)),
      getSendSubject: () => sendSubjectOf(root, site.spec(root.ownerDocument)),
      getThread: () => threadOf(root, fields(), site.spec(root.ownerDocument)),
      getSendButton: () => site.sendButton(root),
      isSendTarget: (el) => Boolean(el && site.sendButton(root)?.contains(el)),
      send: () => site.press(must(site.sendButton(root), "Send")),
      scheduleSend: (date) => site.scheduleSend(root, date),
      discard: () => site.press(must(site.discardButton(root), site.discardLabel)),
      panelHost: () => panelHostIn(root, body),
      getAttachments: () => attachmentsIn(root, body, site.spec(root.ownerDocument), site),
      getFrom: () => fromOf(root, site.spec(root.ownerDocument)),
      getReplyHeaders: () => replyHeadersOf(root, site.spec(root.ownerDocument)),
      getBody: () => bodyOf(body),
      title: site.title,
      /** Does this webmail offer an undo of its Schedule send on the page (Gmail's notice does)? */
      canUnschedule: Boolean(site.unschedule),
      /** Press the webmail's own undo of the schedule just made; false when it is not (or no longer) there. */
      unschedule: () => (site.unschedule ? site.unschedule(root.ownerDocument) : Promise.resolve(false)),
      /** Put a cancelled message back into a new compose of this page. */
      reopen: (message) => openDraftIn(root.ownerDocument, finder, message),
    };
    return compose;
  }
  const findAll = (root = document) => bodiesIn(root, site.selectors.body, site.isBody)
    .map((body) => cached(body, () => make(body)))
    .filter(Boolean);
  const finder = { ...site, findComposes: findAll, press: site.press || press };
  return findAll;
}

/** What every adapter derives from its SELECTORS the same way: URL matching, label lists, the helpers' spec. */
export function siteBasics(name, hosts, selectors) {
  const labels = (doc, key) => labelsFor(selectors.labels[key], doc.documentElement.lang);
  const specs = new WeakMap();
  return {
    /** Is this URL the real site, or one of the Tactful demo pages that reproduce it? */
    matches: (url) => (url.protocol === "https:" && hosts.includes(url.hostname)) || isDemoPath(url, name),
    /** The label lists for the page's language (all languages are tried, the page's own first). */
    labels,
    /** What the shared compose helpers need to know about the site's markup (made once per document). */
    spec: (doc) => {
      const lang = doc.documentElement.lang;
      const known = specs.get(doc);
      if (known && known.lang === lang) return known.spec;
      const spec = { ...selectors, fieldLabels: { to: labels(doc, "to"), cc: labels(doc, "cc"), bcc: labels(doc, "bcc") },
        subjectLabels: labels(doc, "subject"), accountPrefixes: labels(doc, "account"),
        senderPrefixes: labels(doc, "from"), chipLabelPrefixes: labels(doc, "chipPrefix") };
      specs.set(doc, { lang, spec });
      return spec;
    },
  };
}
