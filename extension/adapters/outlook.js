// Outlook on the web adapter. Outlook's class names are generated and change with every release
// (Freemindtronic/evicypher-webmail had to replace its `._17WvdmDf…`-style selectors release after
// release), so this adapter uses only roles, aria-labels, titles and data-* attributes, as the projects
// that kept working do: toggl/track-extension (`[aria-label="Add a subject"]`, `button[name="Send"]`),
// compose helpers matching `[aria-label="Message body"][contenteditable="true"]` and the `aria-label="To"`
// well, and reading-pane scripts keyed on `[data-convid]`, `[role="document"]` and
// `[data-app-section="MailReadCompose"]`. Recipient chips are read from the address in their title or
// aria-label, whatever element carries it.

import { composeFinder, sendButtonIn, siteBasics } from "./compose.js";
import { findByLabel, formatDateField, formatTimeField, matchesLabel, press, setFieldValue,
  waitFor } from "./dom.js";

export const name = "outlook";

export const SELECTORS = {
  body: ['div[role="textbox"][contenteditable="true"]', 'div[contenteditable="true"][aria-label]'],
  dialog: '[role="dialog"]',
  sendButton: ["button[aria-label]", "button[title]", 'button[name="Send"]', '[role="button"][aria-label]'],
  sendFallback: ['button[name="Send"]'],
  sendOptions: ['button[aria-haspopup][aria-label]', '[role="button"][aria-haspopup][aria-label]',
    "button[aria-label]"],
  menuItem: ['[role="menuitem"]', '[role="menuitemradio"]', '[role="option"]', "button"],
  dateField: ["input[aria-label]"],
  timeField: ["input[aria-label]"],
  dialogButton: ["button", '[role="button"]'],
  discardButton: ["button[aria-label]", "button[title]", '[role="button"][aria-label]'],
  subject: ['input[aria-label="Add a subject"]', 'input[aria-label="Agregar un asunto"]',
    'input[aria-label="Añadir un asunto"]', 'input[aria-label="Dodaj temat"]', 'input[placeholder="Add a subject"]',
    'input[maxlength="255"][aria-label]'],
  heading: ['[aria-label="Reading Pane"] [role="heading"]', '[aria-label="Panel de lectura"] [role="heading"]',
    '[aria-label="Okienko odczytu"] [role="heading"]', '#ReadingPaneContainerId [role="heading"]',
    '[data-app-section="ConversationContainer"] [role="heading"]'],
  fields: ['div[role="textbox"][aria-label]', "input[aria-label]"],
  fieldNames: { to: [], cc: [], bcc: [] },
  chips: ['[title*="@"]', '[aria-label*="@"]', "[data-email]"],
  chipAttributes: ["data-email", "title", "aria-label"],
  stops: ['input[aria-label="Add a subject"]', 'input[aria-label="Agregar un asunto"]',
    'input[aria-label="Dodaj temat"]'],
  messages: ['[data-convid] [role="listitem"]', '[data-convid] [data-itemid]'],
  sender: ["[data-email]", '[title*="@"]', '[aria-label*="@"]'],
  senderAttributes: ["data-email", "title", "aria-label"],
  messageBody: ['[role="document"]', '[aria-label="Message body"]:not([contenteditable="true"])'],
  quoted: '[id^="divRplyFwdMsg"], [id="appendonsend"] ~ *, blockquote',
  account: ['button[aria-label^="Account manager for"]', 'button[aria-label^="Administrador de cuentas"]',
    'button[aria-label^="Menedżer kont"]'],
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
    to: { en: ["To"], es: ["Para"], pl: ["Do"] },
    cc: { en: ["Cc"], es: ["CC"], pl: ["DW"] },
    bcc: { en: ["Bcc"], es: ["CCO"], pl: ["UDW"] },
  },
};

const site = siteBasics(name, ["outlook.office.com", "outlook.office365.com", "outlook.live.com"], SELECTORS);
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
  title: "Outlook",
  selectors: SELECTORS,
  isBody,
  spec,
  sendButton,
  discardButton,
  scheduleSend,
  press: (el) => press(el, { sequence: ["click"] }),
  discardLabel: "Discard",
});

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
  const click = (el) => press(el, { sequence: ["click"] });
  const arrow = sendOptionsButton(root);
  if (!arrow) throw new Error('Schedule send: the Send split button\'s "More send options" arrow not found');
  click(arrow);
  click(await waitFor(() => findByLabel(doc, SELECTORS.menuItem, labels(doc, "scheduleSend")),
    '"Schedule send" menu item'));
  click(await waitFor(() => findByLabel(doc, SELECTORS.menuItem, labels(doc, "customTime"), { prefix: true }),
    '"Custom time"'));
  const dateField = await waitFor(() => findByLabel(doc, SELECTORS.dateField, labels(doc, "date")), "date field");
  const timeField = await waitFor(() => findByLabel(doc, SELECTORS.timeField, labels(doc, "time")), "time field");
  setFieldValue(dateField, formatDateField(date, dateField.type, doc.documentElement.lang));
  setFieldValue(timeField, formatTimeField(date, timeField.type, doc.documentElement.lang));
  const dialog = dateField.closest(SELECTORS.dialog) || doc;
  const confirm = findByLabel(dialog, SELECTORS.dialogButton, labels(doc, "send"));
  if (!confirm) throw new Error('Schedule send: the dialog\'s "Send" button not found');
  click(confirm);
}
