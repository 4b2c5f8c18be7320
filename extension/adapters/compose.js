// The parts of a Compose that work the same way in Gmail and Outlook once a site has said which
// selectors and labels it uses: finding the compose root, recipients, the conversation and the panel host.

import { chipAddresses, fieldRow, findByLabel, isDemoPath, isShown, labelsFor, matchesLabel, parseAddresses,
  pickIncoming, queryAll, textWithout, typedAddresses, typedText } from "./dom.js";

/** The nearest ancestor of the body that also holds a Send control: the compose, whatever its classes. */
export function rootOf(body, findSend) {
  for (let el = body.parentElement; el; el = el.parentElement) {
    if (findSend(el)) return el;
  }
  return null;
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

/** Recipient fields (inputs or textboxes) of root whose name or label is in the given lists. */
function fieldsOf(root, spec, kinds) {
  return queryAll(root, spec.fields).filter((el) => kinds.some((kind) =>
    spec.fieldNames[kind].includes(el.getAttribute("name")) || matchesLabel(el.getAttribute("aria-label"),
      spec.fieldLabels[kind])));
}

/** Addresses in To and Cc: chips' address attributes and typed text that already looks like an address. */
export function recipientsOf(root, body, spec) {
  const wanted = fieldsOf(root, spec, ["to", "cc"]);
  const others = [...fieldsOf(root, spec, ["bcc"]), body, ...queryAll(root, spec.stops)];
  const found = [];
  for (const field of wanted) {
    const row = fieldRow(field, root, [...wanted, ...others]);
    for (const chip of queryAll(row, spec.chips)) found.push(...chipAddresses(chip, spec.chipAttributes));
    found.push(...typedAddresses(typedText(field, spec.chips)));
  }
  if (wanted.length === 0) {
    // A collapsed inline reply shows its recipients as chips without the fields.
    for (const chip of queryAll(root, spec.chips)) {
      if (!body.contains(chip)) found.push(...chipAddresses(chip, spec.chipAttributes));
    }
  }
  return [...new Set(found)];
}

/** Is this compose a reply below an open conversation (not a new-message dialog or a lone pop-out)? */
function isReply(root, spec) {
  return !root.closest(spec.dialog) && conversationMessages(root, spec).length > 0;
}

/** The conversation's messages on screen (rendered), outermost elements only, outside the compose itself. */
function conversationMessages(root, spec) {
  const all = queryAll(root.ownerDocument, spec.messages)
    .filter((el) => !root.contains(el) && !el.contains(root) && isShown(el));
  return all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
}

/** The user's own addresses, read from the page's account controls and title. */
function ownAddresses(doc, spec) {
  const labelled = queryAll(doc, spec.account).flatMap((el) => chipAddresses(el, ["aria-label", "title"]));
  return [...labelled, ...parseAddresses(doc.title)];
}

/** {messages, incoming}: how many messages the conversation shows and the client's last message text. */
export function threadOf(root, recipients, spec) {
  if (root.closest(spec.dialog)) return { messages: 0, incoming: "" };
  const items = conversationMessages(root, spec);
  const messages = items.map((item) => {
    const sender = queryAll(item, spec.sender).find((el) => chipAddresses(el, spec.senderAttributes).length > 0);
    const text = queryAll(item, spec.messageBody).map((el) => textWithout(el, spec.quoted)).join("\n");
    return { from: sender ? chipAddresses(sender, spec.senderAttributes) : [], text };
  });
  return { messages: items.length, incoming: pickIncoming(messages, ownAddresses(root.ownerDocument, spec),
    recipients) };
}

/** The compose's subject: its subject field, or for a reply the conversation's heading. */
export function subjectOf(root, spec) {
  const input = root.querySelector(spec.subject.join(", "));
  const typed = input ? input.value.trim() : "";
  if (!isReply(root, spec)) return typed;
  const heading = queryAll(root.ownerDocument, spec.heading).find((el) => !root.contains(el));
  return (heading ? heading.textContent.trim() : "") || typed;
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

/** A site's findComposes, built from its parts: how to spot a body, find Send and Discard, press, schedule.
 *  site: {title, selectors, isBody, spec(doc), sendButton(root), discardButton(root), scheduleSend(root, date),
 *  press(el), discardLabel}. */
export function composeFinder(site) {
  const cached = composeCache();
  const must = (el, what) => {
    if (!el) throw new Error(`${site.title}: the "${what}" control was not found in this compose`);
    return el;
  };
  function make(body) {
    const root = rootOf(body, site.sendButton);
    if (!root) return null;
    const spec = () => site.spec(root.ownerDocument);
    const compose = {
      root,
      body,
      getRecipients: () => recipientsOf(root, body, spec()),
      getSubject: () => subjectOf(root, spec()),
      getThread: () => threadOf(root, compose.getRecipients(), spec()),
      getSendButton: () => site.sendButton(root),
      isSendTarget: (el) => Boolean(el && site.sendButton(root)?.contains(el)),
      send: () => site.press(must(site.sendButton(root), "Send")),
      scheduleSend: (date) => site.scheduleSend(root, date),
      discard: () => site.press(must(site.discardButton(root), site.discardLabel)),
      panelHost: () => panelHostIn(root, body),
    };
    return compose;
  }
  return (root = document) => bodiesIn(root, site.selectors.body, site.isBody)
    .map((body) => cached(body, () => make(body)))
    .filter(Boolean);
}

/** What every adapter derives from its SELECTORS the same way: URL matching, label lists, the helpers' spec. */
export function siteBasics(name, hosts, selectors) {
  const labels = (doc, key) => labelsFor(selectors.labels[key], doc.documentElement.lang);
  return {
    /** Is this URL the real site, or one of the Tactful demo pages that reproduce it? */
    matches: (url) => (url.protocol === "https:" && hosts.includes(url.hostname)) || isDemoPath(url, name),
    /** The label lists for the page's language (all languages are tried, the page's own first). */
    labels,
    /** What the shared compose helpers need to know about the site's markup. */
    spec: (doc) => ({ ...selectors, fieldLabels: { to: labels(doc, "to"), cc: labels(doc, "cc"),
      bcc: labels(doc, "bcc") } }),
  };
}
