// Gmail adapter. Its choices follow what public Gmail tooling has relied on for years and still works:
// gmail.js (KartikTalwar/gmail.js: `input[name=subjectbox]`, the `.aoO` send button, `[email]` on sender
// spans, `.a3s` message bodies, `[data-message-id]`), InboxSDK (InboxSDK/InboxSDK: compose found from its
// editable body, `g_editable`, `data-tooltip` on Gmail's buttons, buttons that act on mousedown/mouseup,
// "More send options" not answering a plain .click() — gmail.js issue #629) and test suites that drive
// Gmail through `[role=dialog]`, `aria-label="Message Body"`, `aria-label="To recipients"` and
// `data-hovercard-id` chips. Generated class names (.Am, .T-I, .aoO) are only fallbacks.

import { composeFinder, sendButtonIn, siteBasics } from "./compose.js";
import { findByLabel, formatDateField, formatTimeField, matchesLabel, press, setFieldValue,
  waitFor } from "./dom.js";

export const name = "gmail";

export const SELECTORS = {
  body: ['div[g_editable="true"][contenteditable="true"]', 'div[role="textbox"][contenteditable="true"]',
    "div.Am.Al.editable[contenteditable='true']"],
  dialog: '[role="dialog"]',
  sendButton: ['div[role="button"][data-tooltip]', 'div[role="button"][aria-label]', 'button[aria-label]'],
  sendFallback: [".T-I.aoO"],
  moreSendOptions: ['div[role="button"][aria-label]', 'div[role="button"][data-tooltip]', ".T-I.hG"],
  menuItem: ['[role="menuitem"]', '[role="menuitemradio"]', '[role="option"]', '[role="button"]'],
  dateField: ["input[aria-label]"],
  timeField: ["input[aria-label]"],
  dialogButton: ['[role="button"]', "button"],
  discardButton: ['div[role="button"][aria-label]', 'div[role="button"][data-tooltip]', ".og.T-I-J3"],
  subject: ['input[name="subjectbox"]'],
  heading: ["h2[data-thread-perm-id]", "h2[data-legacy-thread-id]", "h2.hP"],
  fields: ['input[aria-label]', 'textarea[name]', 'input[name]'],
  fieldNames: { to: ["to"], cc: ["cc"], bcc: ["bcc"] },
  chips: ["[data-hovercard-id]", "[email]", '[role="option"][data-name]'],
  chipAttributes: ["data-hovercard-id", "email", "aria-label"],
  stops: ['input[name="subjectbox"]'],
  messages: ["[data-message-id]", "[data-legacy-message-id]"],
  sender: [".gD[email]", "[email]", "[data-hovercard-id]"],
  senderAttributes: ["email", "data-hovercard-id"],
  messageBody: [".a3s"],
  quoted: ".gmail_quote, .gmail_extra, blockquote",
  account: ['a[aria-label^="Google Account"]', 'a[aria-label^="Cuenta de Google"]', 'a[aria-label^="Konto Google"]'],
  labels: {
    send: { en: ["Send"], es: ["Enviar"], pl: ["Wyślij"] },
    moreSendOptions: { en: ["More send options"], es: ["Más opciones de envío"], pl: ["Więcej opcji wysyłania"] },
    scheduleSend: { en: ["Schedule send"], es: ["Programar envío"], pl: ["Zaplanuj wysłanie"] },
    pickDateTime: { en: ["Pick date & time"], es: ["Elegir fecha y hora"], pl: ["Wybierz datę i godzinę"] },
    date: { en: ["Date"], es: ["Fecha"], pl: ["Data"] },
    time: { en: ["Time"], es: ["Hora"], pl: ["Godzina"] },
    discard: { en: ["Discard draft"], es: ["Descartar borrador"], pl: ["Odrzuć wersję roboczą"] },
    body: { en: ["Message Body"], es: ["Cuerpo del mensaje"], pl: ["Treść wiadomości"] },
    to: { en: ["To recipients", "To"], es: ["Destinatarios", "Para"], pl: ["Odbiorcy", "Do"] },
    cc: { en: ["CC recipients", "Cc"], es: ["Destinatarios en CC", "CC"], pl: ["Odbiorcy DW", "DW"] },
    bcc: { en: ["BCC recipients", "Bcc"], es: ["Destinatarios en CCO", "CCO"], pl: ["Odbiorcy UDW", "UDW"] },
  },
};

const site = siteBasics(name, ["mail.google.com"], SELECTORS);
const { labels, spec } = site;

/** Is this URL Gmail, or one of the Tactful demo pages that reproduce it? */
export const { matches } = site;

/** Is this editable Gmail's message body (not a subject or a chip editor)? */
function isBody(el) {
  return el.getAttribute("g_editable") === "true"
    || matchesLabel(el.getAttribute("aria-label"), labels(el.ownerDocument, "body"), { prefix: true })
    || el.matches(".Am.Al.editable");
}

/** The Send control of a compose root. */
function sendButton(root) {
  return sendButtonIn(root, SELECTORS, labels(root.ownerDocument, "send"));
}

/** Every compose in the page: new-message dialogs, inline replies and the pop-out window's compose. */
export const findComposes = composeFinder({
  title: "Gmail",
  selectors: SELECTORS,
  isBody,
  spec,
  sendButton,
  discardButton,
  scheduleSend,
  press: (el) => press(el),
  discardLabel: "Discard draft",
});

/** The compose's "Discard draft" (trash) button. */
function discardButton(root) {
  return findByLabel(root, SELECTORS.discardButton, labels(root.ownerDocument, "discard"), { prefix: true });
}

/** Drive Gmail's own Schedule send: arrow, "Schedule send", "Pick date & time", date and time, confirm. */
async function scheduleSend(root, date) {
  const doc = root.ownerDocument;
  const arrow = findByLabel(root, SELECTORS.moreSendOptions, labels(doc, "moreSendOptions"));
  if (!arrow) throw new Error('Schedule send: "More send options" not found');
  press(arrow);
  press(await waitFor(() => findByLabel(doc, SELECTORS.menuItem, labels(doc, "scheduleSend")),
    '"Schedule send" menu item'));
  press(await waitFor(() => findByLabel(doc, SELECTORS.menuItem, labels(doc, "pickDateTime"), { prefix: true }),
    '"Pick date & time"'));
  const dateField = await waitFor(() => findByLabel(doc, SELECTORS.dateField, labels(doc, "date")), "date field");
  const timeField = await waitFor(() => findByLabel(doc, SELECTORS.timeField, labels(doc, "time")), "time field");
  setFieldValue(dateField, formatDateField(date, dateField.type, doc.documentElement.lang));
  setFieldValue(timeField, formatTimeField(date, timeField.type, doc.documentElement.lang));
  const dialog = dateField.closest(SELECTORS.dialog) || doc;
  const confirm = findByLabel(dialog, SELECTORS.dialogButton, labels(doc, "scheduleSend"));
  if (!confirm) throw new Error('Schedule send: the dialog\'s "Schedule send" button not found');
  press(confirm);
}
