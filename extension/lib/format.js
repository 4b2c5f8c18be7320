// Instants for people: in the client's time zone and in the user's, in the interface language.

const LANGS = ["es", "pl", "en"];

/** The interface language among es/pl/en for a BCP 47 tag such as "es-419" or "pl-PL" (English otherwise). */
export function uiLanguage(tag) {
  const base = String(tag || "").toLowerCase().split(/[-_]/)[0];
  return LANGS.includes(base) ? base : "en";
}

/** A formatter in lang and timeZone; an unknown zone name falls back to the user's own (still right for them). */
function formatter(lang, options, timeZone) {
  try {
    return new Intl.DateTimeFormat(uiLanguage(lang), timeZone ? { ...options, timeZone } : options);
  } catch {
    return new Intl.DateTimeFormat(uiLanguage(lang), options);
  }
}

/** Formatted parts with the time kept on one line: the space before AM/PM becomes a no-break space (a notice that
 *  wraps "1:00 / AM" reads badly; Chromium's ICU writes a plain space there). */
function unbrokenParts(parts) {
  return parts.map((p, i) => (p.type === "literal" && parts[i + 1]?.type === "dayPeriod" && /^\s+$/.test(p.value)
    ? { ...p, value: "\u00a0" } : p));
}

// The hour as each language writes it beside a weekday, and as Tactful's notice shows it: "9:00 AM", "9:00",
// "09:00" (so the dialog, the card and the notice agree; "09:00 AM" reads oddly in English).
const HOUR = { en: "numeric", es: "numeric", pl: "2-digit" };

/** An ISO instant as a short weekday, date and time in timeZone (the user's zone when omitted); "" if invalid. */
export function formatInstant(iso, { timeZone, lang = "en" } = {}) {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return "";
  const options = { weekday: "short", day: "numeric", month: "short", hour: HOUR[uiLanguage(lang)],
    minute: "2-digit" };
  return unbrokenParts(formatter(lang, options, timeZone).formatToParts(date)).map((p) => p.value).join("");
}

/** The same instant for the dialog: {client, user} strings (client in its zone, user in theirs). */
export function formatBoth(iso, clientZone, lang) {
  return { client: formatInstant(iso, { timeZone: clientZone, lang }), user: formatInstant(iso, { lang }) };
}

const WEEK_MS = 6 * 24 * 3600 * 1000;

/** Parts of an instant in a zone ({day: "2026-12-09", text, time}) for the notice: weekday and time when it is
 *  within six days (a weekday alone is then unambiguous), weekday, date and time beyond; time is the same text's
 *  hour and minutes (taken from it, so both read alike: "09:00" beside "niedz., 09:00", never "9:00"). */
function noticePart(date, timeZone, lang, near) {
  const options = near ? { weekday: "short", hour: "numeric", minute: "2-digit" }
    : { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" };
  const format = (extra) => formatter(lang, extra, timeZone);
  const parts = unbrokenParts(format(options).formatToParts(date));
  const first = parts.findIndex((p) => p.type === "hour");
  const last = parts.findLastIndex((p) => p.type === "minute" || p.type === "dayPeriod");
  return { day: format({ year: "numeric", month: "2-digit", day: "2-digit" }).format(date),
    text: parts.map((p) => p.value).join(""), time: parts.slice(first, last + 1).map((p) => p.value).join("") };
}

/** The instant of a scheduled message for Tactful's notice: {client, user, same}. client is the time in the
 *  client's zone; user is the user's time, as a bare time when it falls on the same day; same when both read alike. */
export function noticeTimes(iso, clientZone, lang, now = Date.now()) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return { client: "", user: "", same: true };
  const near = date.getTime() - now < WEEK_MS;
  const client = noticePart(date, clientZone, lang, near);
  const user = noticePart(date, undefined, lang, near);
  return { client: client.text, user: user.day === client.day ? user.time : user.text,
    same: client.text === user.text };
}

/** An ISO instant as the value of an <input type="datetime-local"> in the user's zone. */
export function toLocalInput(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (user's zone) as an ISO instant with offset, or null when empty or invalid. */
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
