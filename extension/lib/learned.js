// The learned second pass, as the extension sees it: /v1/analyze with "learned": "defer" answers the rule findings
// at once and says how many sentences are still being scored; asking again for the same text a little later
// brings their findings. Kept pure: when to ask again, and which findings came from the learned pass.

/** Waits before each follow-up for the same text: bounded (five, about 8 s in all), growing, so a cold model
 *  gets time and a warm one answers on the first. The request scheduler's own limits still apply on top. */
export const FOLLOW_UPS_MS = [250, 500, 1000, 2000, 4000];

/** The wait before asking again (ms), or null: when the answer says sentences are pending and fewer than
 *  FOLLOW_UPS_MS follow-ups have been made for this text. */
export function followUpDelay(learned, attempt) {
  if (!learned || learned.status !== "pending" || !(learned.pending > 0)) return null;
  return attempt < FOLLOW_UPS_MS.length ? FOLLOW_UPS_MS[attempt] : null;
}

/** The follow-up count for a new answer: one more when it is about the same text (key) as the last, else 0. */
export function nextAttempt(previous, key) {
  return previous && previous.key === key ? previous.attempt + 1 : 0;
}

/** Is this finding from the learned pass (a whole sentence, rule id ending in ".learned")? */
export function isLearned(finding) {
  return typeof finding?.rule === "string" && finding.rule.endsWith(".learned");
}

/** Is the learned pass still scoring sentences of this answer? */
export function learnedPending(analysis) {
  return analysis?.learned?.status === "pending" && analysis.learned.pending > 0;
}
