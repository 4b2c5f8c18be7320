// The page structure report: a redacted skeleton of the open compose and its page (tag names, roles,
// aria-labels, names, data-attribute names, nesting) with what each getter returned, for a bug report when
// webmail changes. Never text content, addresses, attribute values other than those, or what the user wrote.

const ADDRESS = /[^\s<>()"',;:]+@[^\s<>()"',;:]+/g;
const NAMED_PREFIXES = ["opens card for", "from:", "to:", "cc:", "account manager for", "google account:", "de:",
  "para:", "od:", "do:", "abre la tarjeta de", "cuenta de google:", "konto google:"];
const LONG_LABEL = 60;
const LISTED_ROLES = new Set(["option", "listitem", "row", "gridcell", "article"]);
const TOKEN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "SVG", "PATH", "IMG", "NOSCRIPT", "TEMPLATE"]);

/** An aria-label with addresses, the names seen and anything long (previews, subjects) taken out. */
export function redactLabel(label, el, names = []) {
  let text = String(label).replace(/\s+/g, " ").trim();
  if (!text) return "";
  if (text.length > LONG_LABEL || LISTED_ROLES.has(el.getAttribute("role"))) return `<label, ${text.length} characters>`;
  text = text.replace(ADDRESS, "<address>");
  const lower = text.toLowerCase();
  const prefix = NAMED_PREFIXES.find((p) => lower.startsWith(p));
  if (prefix) return `${text.slice(0, prefix.length)} <name>`;
  for (const name of names) if (name) text = text.split(name).join("<name>");
  return text;
}

/** An id with its numbers and long tokens masked (ids carry message and draft ids). */
export function redactId(id) {
  return String(id).replace(ADDRESS, "<address>").split(/([_:.-])/)
    .map((part) => (part.length >= 12 && /\d/.test(part) ? "*" : part.replace(/\d+/g, "#"))).join("");
}

/** One element as a line of the skeleton: tag, masked id, classes, role, label, name, type, attribute names. */
export function describe(el, names = []) {
  const parts = [el.tagName.toLowerCase()];
  if (el.id) parts.push(`#${redactId(el.id)}`);
  const classes = [...el.classList].filter((c) => !/\d{3,}/.test(c)).slice(0, 8);
  if (classes.length) parts.push(`.${classes.join(".")}`);
  const attrs = [];
  for (const name of ["role", "name", "type", "contenteditable", "aria-haspopup", "selector", "data-testid"]) {
    const value = el.getAttribute(name);
    // Only the short machine words these attributes hold on controls ("to", "subjectbox", "scheduledSend"):
    // a sender's name="Ana Ruiz" is a person, not structure.
    if (value !== null && TOKEN.test(value)) attrs.push(`${name}=${JSON.stringify(value)}`);
  }
  const label = el.getAttribute("aria-label");
  if (label) attrs.push(`aria-label=${JSON.stringify(redactLabel(label, el, names))}`);
  const flags = [...el.attributes].map((a) => a.name).filter((n) => n.startsWith("data-") || ["g_editable", "email",
    "title", "placeholder", "value", "peoplekit-id", "jsaction", "jslog", "hidefocus"].includes(n))
    .filter((n) => n !== "data-testid");
  if (flags.length) attrs.push(`attributes: ${flags.join(" ")}`);
  return attrs.length ? `${parts.join("")} [${attrs.join(", ")}]` : parts.join("");
}

/** The nested skeleton of root, indented two spaces a level; subtrees matching opaque are counted, not shown. */
export function skeleton(root, { opaque = "", names = [], maxNodes = 2500, mark = () => "", hide = () => false } = {}) {
  const lines = [];
  let count = 0;
  const visit = (el, depth) => {
    if (count >= maxNodes) return;
    if (SKIP_TAGS.has(el.tagName.toUpperCase()) || el.dataset?.tactful || el.dataset?.tactfulHost) return;
    count += 1;
    const note = mark(el);
    if ((opaque && el.matches(opaque)) || hide(el)) {
      lines.push(`${"  ".repeat(depth)}${describe(el, names)}${note} {${el.querySelectorAll("*").length} elements inside, not shown}`);
      return;
    }
    lines.push(`${"  ".repeat(depth)}${describe(el, names)}${note}`);
    for (const child of el.children) visit(child, depth + 1);
  };
  visit(root, 0);
  if (count >= maxNodes) lines.push(`… cut at ${maxNodes} elements`);
  return lines;
}

/** What the getters returned, with every value reduced to its shape. */
function readings(compose) {
  const safely = (fn) => { try { return { value: fn() }; } catch (err) { return { error: String(err?.message || err) }; } };
  const shape = (list) => (Array.isArray(list) ? `${list.length} found` : "not a list");
  const got = {};
  const recipients = safely(() => compose.getRecipients());
  got.getRecipients = recipients.error ? `threw: ${recipients.error}` : shape(recipients.value);
  const names = safely(() => compose.getRecipientNames());
  got.getRecipientNames = names.error ? `threw: ${names.error}` : shape(names.value);
  const fields = safely(() => compose.getRecipientFields?.());
  if (fields.value) {
    got.fields = Object.fromEntries(Object.entries(fields.value).map(([k, v]) => [k,
      `${v.addresses.length} addresses, ${v.names.length} names`]));
  }
  const subject = safely(() => compose.getSubject());
  got.getSubject = subject.error ? `threw: ${subject.error}` : `${String(subject.value || "").length} characters`;
  const thread = safely(() => compose.getThread());
  got.getThread = thread.error ? `threw: ${thread.error}`
    : { messages: thread.value?.messages ?? null, incoming: `${String(thread.value?.incoming || "").length} characters` };
  const send = safely(() => compose.getSendButton());
  got.getSendButton = send.error ? `threw: ${send.error}` : send.value ? describe(send.value) : "not found";
  return { got, names: names.value || [] };
}

/** The whole report as text: header, what was read, where the compose sits, its skeleton, the page around it. */
export function structureReport(compose, { version = "", opaque = [] } = {}) {
  const doc = compose.root.ownerDocument;
  const { got, names } = readings(compose);
  const hidden = opaque.join(", ");
  const ancestors = [];
  for (let el = compose.root.parentElement; el && el !== doc.documentElement; el = el.parentElement) {
    ancestors.unshift(describe(el, names));
  }
  const mark = (el) => (el === compose.root ? "   <== compose root" : el === compose.body ? "   <== body" : "");
  const page = doc.body ? skeleton(doc.body, { opaque: hidden, names, maxNodes: 1500,
    mark: (el) => (el === compose.root ? "   <== compose root (above)" : ""), hide: (el) => el === compose.root }) : [];
  return [
    "Tactful page structure report",
    `tactful: ${version} · site: ${compose.site || "?"} · host: ${doc.location?.hostname || "?"} · page language: ${doc.documentElement.lang || "?"}`,
    "No text, addresses or values: tags, roles, labels (names and addresses taken out), attribute names, nesting.",
    "",
    "What the adapter read:",
    JSON.stringify(got, null, 2),
    "",
    "Where the compose sits (outermost first):",
    ...ancestors.map((line, i) => `${"  ".repeat(i)}${line}`),
    "",
    "The compose:",
    ...skeleton(compose.root, { opaque: hidden, names, mark, hide: (el) => el === compose.body }),
    "",
    "The page (the compose shown above, message bodies only counted):",
    ...page,
  ].join("\n");
}
