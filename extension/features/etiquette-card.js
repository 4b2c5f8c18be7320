// The etiquette card of each matched client: how, when and in what register to write to them.

import { formatInstant } from "../lib/format.js";
import { el, t } from "./ui.js";

export const CARD_CSS = `
.card { border: 1px solid #dadce0; border-radius: 8px; padding: 6px 10px; margin-top: 6px; background: #fff; }
.card > summary { cursor: pointer; font-weight: 600; list-style-position: inside; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 6px 0 0; }
.card dt { color: #5f6368; }
.card dd { margin: 0; }
.state { font-weight: 400; font-size: 12px; margin-left: 6px; padding: 0 6px; border-radius: 8px; }
.state.in { background: #e6f4ea; color: #137333; }
.state.out { background: #fce8e6; color: #a50e0e; }
.overdue { color: #a50e0e; font-weight: 600; }
.when { font-weight: 400; font-size: 12px; color: #5f6368; margin-left: 6px; }
.more { margin-top: 4px; }
.more ul { margin: 4px 0 0; padding-left: 18px; }
`;

/** One card element per client card from the service (analyze `etiquette` or GET /v1/etiquette). */
export function renderCards(cards, lang, doc = document) {
  return (cards || []).map((card) => renderCard(card, lang, doc));
}

function renderCard(card, lang, doc) {
  const zone = card.timezone || undefined;
  const rows = [];
  const row = (label, value, attrs = {}) => {
    if (value) rows.push(el("dt", {}, [label], doc), el("dd", attrs, [value], doc));
  };
  row(t("card_channels"), channelsText(card.channels));
  if (card.formality) row(t("card_formality"), label(`formality_${card.formality}`, card.formality));
  if (card.language) row(t("card_language"), label(`language_${card.language}`, card.language));
  const localTime = card.local_time ? formatInstant(card.local_time, { timeZone: zone, lang }) : "";
  row(t("card_local_time"), localTime && `${localTime} (${zone})`);
  if (card.next_window && card.within === false) {
    row(t("card_next_window"), t("time_pair", [formatInstant(card.next_window, { timeZone: zone, lang }),
      formatInstant(card.next_window, { lang })]));
  }
  if (card.report) {
    const due = formatInstant(card.report.due_at, { timeZone: zone, lang });
    row(card.report.overdue ? t("card_report_overdue") : t("card_report_due"), due,
      { class: card.report.overdue ? "overdue" : false });
  }
  row(t("card_notes"), card.notes);
  const badge = card.within === true || card.within === false
    ? el("span", { class: `state ${card.within ? "in" : "out"}` },
      [card.within ? t("card_inside_hours") : t("card_outside_hours")], doc)
    : null;
  const reminders = (card.reminders || []).length
    ? el("details", { class: "more" }, [el("summary", {}, [t("card_reminders")], doc),
      el("ul", {}, card.reminders.map((r) => el("li", {}, [r], doc)), doc)], doc)
    : null;
  // Compact by default; an overdue report is worth the space.
  return el("details", { class: "card", "data-tactful": "card", "data-client": card.client_id,
    open: Boolean(card.report?.overdue) }, [
    el("summary", {}, [card.name || card.client_id, badge,
      localTime ? el("span", { class: "when" }, [localTime], doc) : null], doc),
    el("dl", {}, rows, doc),
    reminders,
  ], doc);
}

function channelsText(channels) {
  const pairs = Object.entries(channels || {});
  if (!pairs.length) return "";
  return pairs.map(([purpose, channel]) => `${label(`purpose_${purpose}`, purpose)} → ${channel}`).join(", ");
}

function label(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}
