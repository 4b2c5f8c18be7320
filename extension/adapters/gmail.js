// Gmail adapter. Its choices follow what public Gmail tooling has relied on for years and still works:
// gmail.js (KartikTalwar/gmail.js: `input[name=subjectbox]`, the `.aoO` send button, `[email]` on sender
// spans, `.a3s` message bodies, `[data-message-id]`), InboxSDK (InboxSDK/InboxSDK: compose found from its
// editable body, `g_editable`, `data-tooltip` on Gmail's buttons, buttons that act on mousedown/mouseup,
// "More send options" not answering a plain .click() — gmail.js issue #629) and test suites that drive
// Gmail through `[role=dialog]`, `aria-label="Message Body"`, `aria-label="To recipients"` and
// `data-hovercard-id` chips. Generated class names (.Am, .T-I, .aoO) are only fallbacks.

import { composeFinder, sendButtonIn, siteBasics } from "./compose.js";
import { findByLabel, findPickerFields, formatDateField, formatTimeField, isShown, matchesLabel, normalizeLabel, press,
  pressFully, queryAll, setFieldValue, waitFor } from "./dom.js";
import { SITES } from "../lib/sites.js";

export const name = "gmail";

/** The hosts of this webmail (the one list is lib/sites.js). */
export const SITE_HOSTS = SITES.gmail;

// Every selector and label the Gmail adapter uses. The compose is the whole composer: form.bAs (recipients,
// subject) beside table.iN (body, Send toolbar); To's name sits on the wrapper div.anm[name=to] in today's
// Gmail (on textarea[name=to] in 2020's), its chips are div[role=option][data-hovercard-id][data-name], and
// the collapsed summary repeats them as hidden span[email] twins.
export const SELECTORS = {
  body: ['div[g_editable="true"][contenteditable="true"]', 'div[role="textbox"][contenteditable="true"]',
    "div.Am.Al.editable[contenteditable='true']"],
  dialog: '[role="dialog"]',
  sendButton: ['div[role="button"][data-tooltip]', 'div[role="button"][aria-label]', 'button[aria-label]'],
  sendFallback: [".T-I.aoO"],
  moreSendOptions: ['div[role="button"][aria-label]', 'div[role="button"][data-tooltip]', ".T-I.hG"],
  scheduleMenuItem: ['[role="menuitem"][selector="scheduledSend"]'],
  menuItem: ['[role="menuitem"]', '[role="menuitemradio"]', '[role="option"]', '[role="button"]'],
  pickerInput: ['input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"])'],
  dialogButton: ["button", '[role="button"]'],
  discardButton: ['div[role="button"][aria-label]', 'div[role="button"][data-tooltip]', ".og.T-I-J3"],
  subject: ['input[name="subjectbox"]'],
  subjectLabelled: ["input[aria-label]"],
  heading: ["h2[data-thread-perm-id]", "h2[data-legacy-thread-id]", "h2.hP"],
  fields: ["input[aria-label]", "textarea[aria-label]"],
  fieldNames: { to: ["to"], cc: ["cc"], bcc: ["bcc"] },
  unlabeledTo: ['input[role="combobox"][peoplekit-id]', 'input[role="combobox"][aria-autocomplete="list"]'],
  chips: ['[role="option"][data-hovercard-id]', '[role="option"][data-name]', "[data-hovercard-id]", "[email]"],
  chipAttributes: ["data-hovercard-id", "email", "aria-label"],
  twinBoxes: [".az9", ".oL.aDm"],
  twins: "span[email], span[data-hovercard-id]",
  messages: ["[data-message-id]", "[data-legacy-message-id]"],
  messageBody: [".a3s"],
  pane: '[role="main"], body',
  sender: [".gD[email]", "[email]", "[data-hovercard-id]"],
  senderAttributes: ["email", "data-hovercard-id"],
  quoted: ".gmail_quote, .gmail_extra, blockquote",
  account: ['a[aria-label^="Google Account"]', 'a[aria-label^="Cuenta de Google"]', 'a[aria-label^="Konto Google"]'],
  // The From of the compose: a hidden input[name=from] in form.bAs holding the address (InboxSDK's from-manager
  // reads it; G1 has it, its value blanked).
  from: ['input[name="from"]'],
  // One hidden input[name=attach] per attached file, followed by the link with its name and size (long-lived
  // Gmail tooling reads attachments this way).
  attachment: ['input[name="attach"]'],
  // Images in the body that live only inside Gmail (uploaded or pasted into the draft).
  privateImageHosts: ["mail.google.com"],
  // Not RFC 5322 Message-IDs in today's Gmail ("#msg-f:…"): read in case a page shows one, so replies there keep
  // their conversation on the service path.
  messageIdAttributes: ["data-message-id", "data-legacy-message-id"],
  composeButton: ['[gh="cm"]', 'div[role="button"][aria-label]'],
  showField: ['[role="link"][aria-label]', '[role="link"][data-tooltip]'],
  // Gmail's own notice after Schedule send ("Send scheduled for …  Undo  View message"), its Undo a role=link.
  toast: ['[role="alert"]', '[aria-live="assertive"]', '[aria-live="polite"]', ".vh"],
  toastAction: ["#link_undo", '[role="link"]', '[role="button"]', "button"],
  labels: {
    send: { en: ["Send"], es: ["Enviar"], pl: ["Wyślij"] },
    moreSendOptions: { en: ["More send options"], es: ["Más opciones de envío"], pl: ["Więcej opcji wysyłania"] },
    scheduleSend: { en: ["Schedule send"], es: ["Programar envío"], pl: ["Zaplanuj wysłanie"] },
    pickDateTime: { en: ["Pick date & time"], es: ["Elegir fecha y hora"], pl: ["Wybierz datę i godzinę"] },
    date: { en: ["Date"], es: ["Fecha"], pl: ["Data"] },
    time: { en: ["Time"], es: ["Hora"], pl: ["Godzina"] },
    discard: { en: ["Discard draft"], es: ["Descartar borrador"], pl: ["Odrzuć wersję roboczą"] },
    body: { en: ["Message Body"], es: ["Cuerpo del mensaje"], pl: ["Treść wiadomości"] },
    subject: { en: ["Subject"], es: ["Asunto"], pl: ["Temat"] },
    to: { en: ["To recipients", "To"], es: ["Destinatarios en Para", "Destinatarios", "Para"],
      pl: ["Odbiorcy w polu Do", "Odbiorcy", "Do"] },
    cc: { en: ["CC recipients", "Cc"], es: ["Destinatarios en Cc", "CC"], pl: ["Odbiorcy w polu DW", "Odbiorcy DW", "DW"] },
    bcc: { en: ["BCC recipients", "Bcc"], es: ["Destinatarios en Cco", "CCO"],
      pl: ["Odbiorcy w polu UDW", "Odbiorcy UDW", "UDW"] },
    account: { en: ["Google Account:"], es: ["Cuenta de Google:"], pl: ["Konto Google:"] },
    from: { en: ["From:"], es: ["De:"], pl: ["Od:"] },
    chipPrefix: { en: ["Opens card for"], es: ["Abre la tarjeta de"], pl: ["Otwiera kartę dla"] },
    compose: { en: ["Compose"], es: ["Redactar"], pl: ["Utwórz"] },
    showCc: { en: ["Add Cc recipients"], es: ["Agregar destinatarios a Cc", "Añadir destinatarios en Cc"],
      pl: ["Dodaj odbiorców DW"] },
    showBcc: { en: ["Add Bcc recipients"], es: ["Agregar destinatarios a Cco", "Añadir destinatarios en Cco"],
      pl: ["Dodaj odbiorców UDW"] },
    scheduledNotice: { en: ["Send scheduled"], es: ["Envío programado"], pl: ["Zaplanowano wysłanie", "Wysyłanie zaplanowane"] },
    undo: { en: ["Undo"], es: ["Deshacer"], pl: ["Cofnij"] },
  },
};

const site = siteBasics(name, SITE_HOSTS, SELECTORS);
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
  name,
  title: "Gmail",
  selectors: SELECTORS,
  isBody,
  spec,
  sendButton,
  discardButton,
  scheduleSend,
  press: (el) => press(el),
  discardLabel: "Discard draft",
  attachmentChips: (root) => queryAll(root, SELECTORS.attachment),
  composeButton: (doc) => queryAll(doc, SELECTORS.composeButton[0]).find(isShown)
    || findByLabel(doc, SELECTORS.composeButton, labels(doc, "compose")),
  revealField,
  unschedule,
});

/** Show a compose's Cc or Bcc row (its "Cc"/"Bcc" link beside To). */
function revealField(root, kind) {
  const key = kind === "cc" ? "showCc" : kind === "bcc" ? "showBcc" : null;
  const link = key && findByLabel(root, SELECTORS.showField, labels(root.ownerDocument, key), { prefix: true });
  if (link) press(link, { sequence: ["mousedown", "mouseup", "click"] });
}

/** Gmail's own "Send scheduled for …" notice, while it is on the page, and its Undo. */
function scheduledNotice(doc) {
  const wanted = labels(doc, "scheduledNotice").map(normalizeLabel);
  const notice = queryAll(doc, SELECTORS.toast).filter(isShown)
    .find((el) => wanted.some((w) => normalizeLabel(el.textContent).startsWith(w)));
  if (!notice) return null;
  const undo = queryAll(notice, SELECTORS.toastAction[0])[0]
    || findByLabel(notice, SELECTORS.toastAction, labels(doc, "undo"));
  return undo ? { notice, undo } : null;
}

/** Press the Undo of Gmail's "Send scheduled" notice (waiting briefly for it to show); false when it is gone. */
async function unschedule(doc) {
  let found;
  try {
    found = await waitFor(() => scheduledNotice(doc), "Gmail's scheduled-send notice", 1500);
  } catch {
    return false;
  }
  pressFully(found.undo);
  return true;
}

/** The compose's "Discard draft" (trash) button. */
function discardButton(root) {
  return findByLabel(root, SELECTORS.discardButton, labels(root.ownerDocument, "discard"), { prefix: true });
}

/** The steps of Gmail's Schedule send, each found in the page as Gmail builds it (exported for the field tests). */
export const schedule = {
  /** The "Schedule send" item of the More send options menu. */
  menuItem: (doc) => queryAll(doc, SELECTORS.scheduleMenuItem).find(isShown)
    || findByLabel(doc, SELECTORS.menuItem, labels(doc, "scheduleSend")),
  /** The "Pick date & time" row of the Schedule send dialog. */
  pickItem: (doc) => findByLabel(doc, SELECTORS.menuItem, labels(doc, "pickDateTime"), { prefix: true }),
  /** The picker's date and time boxes, found by type or by the shape of their value, never by a label. */
  fields: (doc) => pickerFields(doc, labels),
  /** The picker's own "Schedule send" button. */
  confirm: (dialog, doc) => findByLabel(dialog, SELECTORS.dialogButton, labels(doc, "scheduleSend")),
};

/** Drive Gmail's own Schedule send: arrow, "Schedule send", "Pick date & time", date and time, confirm. */
async function scheduleSend(root, date) {
  const doc = root.ownerDocument;
  const arrow = findByLabel(root, SELECTORS.moreSendOptions, labels(doc, "moreSendOptions"));
  if (!arrow) throw new Error('Schedule send: "More send options" not found');
  press(arrow);
  pressFully(await waitFor(() => schedule.menuItem(doc), '"Schedule send" menu item'));
  pressFully(await waitFor(() => schedule.pickItem(doc), '"Pick date & time"'));
  const { date: dateField, time: timeField } = await waitFor(() => schedule.fields(doc), "date and time fields");
  setFieldValue(dateField, formatDateField(date, dateField.type, doc.documentElement.lang));
  setFieldValue(timeField, formatTimeField(date, timeField.type, doc.documentElement.lang));
  const dialog = dateField.closest(SELECTORS.dialog) || doc;
  const confirm = schedule.confirm(dialog, doc);
  if (!confirm) throw new Error('Schedule send: the dialog\'s "Schedule send" button not found');
  pressFully(confirm);
}

/** {date, time} inputs of the open picker, or null while it is not there. */
function pickerFields(doc, labelsOf) {
  return findPickerFields(doc, SELECTORS, labelsOf);
}
