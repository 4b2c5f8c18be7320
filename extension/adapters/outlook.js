// Outlook on the web adapter. Outlook's class names are generated and change with every release
// (Freemindtronic/evicypher-webmail had to replace its `._17WvdmDf…`-style selectors release after
// release), so this adapter uses only roles, aria-labels, titles, ids and data-* attributes. What the real
// pages show (see extension/README.md): To/Cc wells `div[aria-label="To"][contenteditable="true"]` with no
// role; recipient pills `span[data-lpc-hover-target-id]` that carry a display name only; the new compose's
// subject `input[aria-label="Subject"]`; `data-convid` on message-list rows, not in the reading pane, whose
// messages are `div[id^="UniqueMessageBody_"][role="document"]` with the sender in `[aria-label^="From:"]`;
// rendered quotes with `x_`-prefixed ids (`x_appendonsend`, `x_divRplyFwdMsg`).

import { composeFinder, sendButtonIn, siteBasics } from "./compose.js";
import { findByLabel, findPickerFields, formatDateField, formatTimeField, isShown, matchesLabel, pressFully, queryAll,
  setFieldValue, waitFor } from "./dom.js";
import { SITES } from "../lib/sites.js";

export const name = "outlook";

/** The hosts of this webmail (the one list is lib/sites.js). */
export const SITE_HOSTS = SITES.outlook;

export const SELECTORS = {
  body: ['div[role="textbox"][contenteditable="true"]', 'div[contenteditable="true"][aria-label]'],
  dialog: '[role="dialog"]',
  sendButton: ["button[aria-label]", "button[title]", 'button[name="Send"]', '[role="button"][aria-label]'],
  sendFallback: ['button[name="Send"]', '[data-testid="ComposeSendButton"] button:not([aria-haspopup])',
    "#splitButton-ro__primaryActionButton"],
  sendOptions: ['button[aria-haspopup][aria-label]', '[role="button"][aria-haspopup][aria-label]',
    "button[aria-label]"],
  menuItem: ['[role="menuitem"]', '[role="menuitemradio"]', '[role="option"]', "button"],
  pickerInput: ['input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"])'],
  dialogButton: ["button", '[role="button"]'],
  discardButton: ["button[aria-label]", "button[title]", '[role="button"][aria-label]', "button#discardCompose"],
  subject: ['input[id^="MSG_"][id$="_SUBJECT"]'],
  subjectLabelled: ["input[aria-label]", "input[placeholder]"],
  heading: ['[id$="_SUBJECT"][role="heading"]', '#ReadingPaneContainerId [role="heading"]',
    '[aria-label="Reading Pane"] [role="heading"]', '[aria-label="Panel de lectura"] [role="heading"]',
    '[aria-label="Okienko odczytu"] [role="heading"]', '[data-app-section="ConversationContainer"] [role="heading"]'],
  fields: ['div[contenteditable="true"][aria-label]', 'div[role="textbox"][aria-label]', "input[aria-label]"],
  fieldNames: { to: [], cc: [], bcc: [] },
  unlabeledTo: [],
  chips: ["span[data-lpc-hover-target-id]", "[data-email]", '[title*="@"]', '[aria-label*="@"]'],
  chipAttributes: ["data-email", "title", "aria-label"],
  twinBoxes: [],
  twins: "[data-email]",
  messages: ['[data-convid] [role="listitem"]', '[data-convid] [data-itemid]'],
  messageBody: ['div[id^="UniqueMessageBody"]', '[role="document"]:not([contenteditable="true"])',
    '[aria-label="Message body"]:not([contenteditable="true"])'],
  pane: '#ReadingPaneContainerId, #ConversationReadingPaneContainer, [role="main"], body',
  sender: ["[data-email]", '[aria-label^="From:"]', '[aria-label^="De:"]', '[aria-label^="Od:"]', '[title*="@"]'],
  senderAttributes: ["data-email", "title", "aria-label"],
  quoted: '[id$="divRplyFwdMsg"], [id$="appendonsend"] ~ *, blockquote',
  account: ['button[aria-label^="Account manager for"]', 'button[aria-label^="Administrador de cuentas"]',
    'button[aria-label^="Menedżer kont"]'],
  // A From control shows only with several accounts; otherwise the account control's address, when it has one.
  from: ['button[aria-label^="From:"]', 'button[aria-label^="De:"]', 'button[aria-label^="Od:"]'],
  // The compose's attachment well: a labelled list of cards (not in the captures: Outlook's roles-and-labels
  // pattern, as in its recipient wells, is assumed), and the cards in it.
  attachmentWell: ['[role="listbox"][aria-label]', '[role="list"][aria-label]'],
  attachmentItem: ['[role="option"]', '[role="listitem"]'],
  privateImageHosts: ["attachments.office.net", "outlook.office.com", "outlook.office365.com", "outlook.live.com"],
  messageIdAttributes: [],
  newMail: ["button[aria-label]", "button", '[role="button"]'],
  showField: ["button"],
  labels: {
    send: { en: ["Send"], es: ["Enviar"], pl: ["Wyślij"] },
    sendOptions: { en: ["More send options", "Send options"], es: ["Más opciones de envío", "Opciones de envío"],
      pl: ["Więcej opcji wysyłania", "Opcje wysyłania"] },
    scheduleSend: { en: ["Schedule send"], es: ["Programar envío"], pl: ["Zaplanuj wysyłanie"] },
    customTime: { en: ["Custom time"], es: ["Hora personalizada"], pl: ["Czas niestandardowy"] },
    date: { en: ["Date", "Select a date"], es: ["Fecha", "Seleccione una fecha"], pl: ["Data", "Wybierz datę"] },
    time: { en: ["Time", "Select a time"], es: ["Hora", "Seleccione una hora"], pl: ["Godzina", "Wybierz godzinę"] },
    discard: { en: ["Discard"], es: ["Descartar"], pl: ["Odrzuć"] },
    body: { en: ["Message body"], es: ["Cuerpo del mensaje"], pl: ["Treść wiadomości"] },
    subject: { en: ["Subject", "Add a subject"], es: ["Asunto", "Agregar un asunto", "Añadir un asunto"],
      pl: ["Temat", "Dodaj temat"] },
    to: { en: ["To"], es: ["Para"], pl: ["Do"] },
    cc: { en: ["Cc"], es: ["CC"], pl: ["DW"] },
    bcc: { en: ["Bcc"], es: ["CCO"], pl: ["UDW"] },
    account: { en: ["Account manager for"], es: ["Administrador de cuentas de"], pl: ["Menedżer kont dla"] },
    from: { en: ["From:"], es: ["De:"], pl: ["Od:"] },
    chipPrefix: { en: ["Opens card for"], es: ["Abre la tarjeta de"], pl: ["Otwiera kartę dla"] },
    attachments: { en: ["Attachments"], es: ["Datos adjuntos", "Archivos adjuntos"], pl: ["Załączniki"] },
    newMail: { en: ["New mail", "New message"], es: ["Correo nuevo", "Nuevo correo", "Nuevo mensaje"],
      pl: ["Nowa wiadomość", "Nowa poczta"] },
  },
};

const site = siteBasics(name, SITE_HOSTS, SELECTORS);
const { labels, spec } = site;

/** Is this URL Outlook, or one of the Tactful demo pages that reproduce it? */
export const { matches } = site;

/** Is this editable the message body ("Message body, press Alt+F10 to exit"), not the To well? */
function isBody(el) {
  return matchesLabel(el.getAttribute("aria-label"), labels(el.ownerDocument, "body"), { prefix: true });
}

/** The Send control of a compose root (the primary half of the split button). */
function sendButton(root) {
  return sendButtonIn(root, SELECTORS, labels(root.ownerDocument, "send"));
}

/** Every compose in the page: new messages, inline replies and the pop-out window's compose. */
export const findComposes = composeFinder({
  name,
  title: "Outlook",
  selectors: SELECTORS,
  isBody,
  spec,
  sendButton,
  discardButton,
  scheduleSend,
  press: (el) => pressFully(el),
  discardLabel: "Discard",
  attachmentChips,
  composeButton: (doc) => findByLabel(doc, SELECTORS.newMail, labels(doc, "newMail")),
  revealField,
});

/** The attachment cards of a compose (Outlook shows no undo of a scheduled send on the page: no unschedule). */
function attachmentChips(root) {
  const wells = queryAll(root, SELECTORS.attachmentWell)
    .filter((el) => matchesLabel(el.getAttribute("aria-label"), labels(root.ownerDocument, "attachments"),
      { prefix: true }));
  return wells.flatMap((well) => queryAll(well, SELECTORS.attachmentItem));
}

/** Show a compose's Bcc (or Cc) well: its toggle button beside To. */
function revealField(root, kind) {
  const toggle = findByLabel(root, SELECTORS.showField, labels(root.ownerDocument, kind),
    { except: (el) => !isShown(el) });
  if (toggle) pressFully(toggle);
}

/** The compose's "Discard" button. */
function discardButton(root) {
  return findByLabel(root, SELECTORS.discardButton, labels(root.ownerDocument, "discard"));
}

/** The arrow half of the Send split button: labelled, or the menu button right after Send. */
function sendOptionsButton(root) {
  const labelled = findByLabel(root, SELECTORS.sendOptions, labels(root.ownerDocument, "sendOptions"));
  if (labelled) return labelled;
  const send = sendButton(root);
  return send?.parentElement?.querySelector(':scope > [aria-haspopup="true"], :scope > [aria-haspopup="menu"]')
    || null;
}

/** Drive Outlook's own Schedule send: split arrow, "Schedule send", "Custom time", date and time, "Send". */
async function scheduleSend(root, date) {
  const doc = root.ownerDocument;
  const arrow = sendOptionsButton(root);
  if (!arrow) throw new Error('Schedule send: the Send split button\'s "More send options" arrow not found');
  pressFully(arrow);
  pressFully(await waitFor(() => findByLabel(doc, SELECTORS.menuItem, labels(doc, "scheduleSend")),
    '"Schedule send" menu item'));
  pressFully(await waitFor(() => findByLabel(doc, SELECTORS.menuItem, labels(doc, "customTime"), { prefix: true }),
    '"Custom time"'));
  const { date: dateField, time: timeField } = await waitFor(() => findPickerFields(doc, SELECTORS, labels),
    "date and time fields");
  setFieldValue(dateField, formatDateField(date, dateField.type, doc.documentElement.lang));
  setFieldValue(timeField, formatTimeField(date, timeField.type, doc.documentElement.lang));
  const dialog = dateField.closest(SELECTORS.dialog) || doc;
  const confirm = findByLabel(dialog, SELECTORS.dialogButton, labels(doc, "send"));
  if (!confirm) throw new Error('Schedule send: the dialog\'s "Send" button not found');
  pressFully(confirm);
}
