// Instants for people: in the client's time zone and in the user's, in the interface language.

const LANGS = ["es", "pl", "en"];

/** The interface language among es/pl/en for a BCP 47 tag such as "es-419" or "pl-PL" (English otherwise). */
export function uiLanguage(tag) {
  const base = String(tag || "").toLowerCase().split(/[-_]/)[0];
  return LANGS.includes(base) ? base : "en";
}

/** An ISO instant as a short weekday, date and time in timeZone (the user's zone when omitted); "" if invalid. */
export function formatInstant(iso, { timeZone, lang = "en" } = {}) {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return "";
  const options = { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
  try {
    return new Intl.DateTimeFormat(uiLanguage(lang), timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    // Unknown zone name: the user's own time is still right.
    return new Intl.DateTimeFormat(uiLanguage(lang), options).format(date);
  }
}

/** The same instant for the dialog: {client, user} strings (client in its zone, user in theirs). */
export function formatBoth(iso, clientZone, lang) {
  return { client: formatInstant(iso, { timeZone: clientZone, lang }), user: formatInstant(iso, { lang }) };
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
