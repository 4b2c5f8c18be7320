// The send decision, kept pure: hold the send only for what the service actually said.

/** Decide a send attempt: {hold, recheck, reasons}. recheck means "the analysis is for another text: ask again".
 *  input: {analysis, fresh, offline, categories} — never holds when the service is offline or unknown. */
export function decideSend({ analysis, fresh, offline, categories } = {}) {
  if (offline) return { hold: false, recheck: false, reasons: [] };
  if (!analysis || !fresh) return { hold: false, recheck: true, reasons: [] };
  const reasons = reasonsFor(analysis, categories);
  return { hold: reasons.length > 0, recheck: false, reasons };
}

/** Why an analysis should stop a send: error findings, a suggested call, or arrival outside contact hours. */
export function reasonsFor(analysis, categories) {
  const reasons = [];
  const errors = (analysis.findings || []).filter(
    (f) => f.severity === "error" && (!categories || categories[f.category] !== false),
  );
  if (errors.length) reasons.push({ code: "findings", findings: errors });
  if (analysis.suggest_call?.suggested) {
    reasons.push({ code: "call", reasons: analysis.suggest_call.reasons || [] });
  }
  if (analysis.timing && analysis.timing.within === false) {
    reasons.push({ code: "outside_hours", client_id: analysis.timing.client_id, send_at: analysis.timing.send_at });
  }
  return reasons;
}
