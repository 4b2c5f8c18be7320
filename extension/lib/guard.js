// The send decision, kept pure: hold the send only for what the service actually said.

import { learnedPending } from "./learned.js";

/** Decide a send attempt: {hold, recheck, reasons}. recheck means "ask again first": the analysis is for another
 *  text, or (unless settled) its learned pass was still scoring sentences. input: {analysis, fresh, offline,
 *  categories, settled} — never holds when the service is offline or unknown. */
export function decideSend({ analysis, fresh, offline, categories, settled = false } = {}) {
  if (offline) return { hold: false, recheck: false, reasons: [] };
  if (!analysis || !fresh || (!settled && learnedPending(analysis))) return { hold: false, recheck: true, reasons: [] };
  const reasons = reasonsFor(analysis, categories);
  return { hold: reasons.length > 0, recheck: false, reasons };
}

/** Does this call suggestion hold Send? Only "recommend" (a conflict); "consider" is shown in the panel only.
 *  An answer without a strength (a service before the two strengths) recommends, as it always did. */
export function callHoldsSend(suggest) {
  return Boolean(suggest?.suggested) && (suggest.strength ?? "recommend") === "recommend";
}

/** Why an analysis should stop a send: error findings, a recommended call, or arrival outside contact hours. */
export function reasonsFor(analysis, categories) {
  const reasons = [];
  const errors = (analysis.findings || []).filter(
    (f) => f.severity === "error" && (!categories || categories[f.category] !== false),
  );
  if (errors.length) reasons.push({ code: "findings", findings: errors });
  if (callHoldsSend(analysis.suggest_call)) {
    reasons.push({ code: "call", reasons: analysis.suggest_call.reasons || [] });
  }
  if (analysis.timing && analysis.timing.within === false) {
    reasons.push({ code: "outside_hours", client_id: analysis.timing.client_id, send_at: analysis.timing.send_at });
  }
  return reasons;
}
