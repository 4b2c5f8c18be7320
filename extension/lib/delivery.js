// Scheduling decisions, kept pure: which paths a held send may take, the complete message for the service path,
// what a refusal means, what Tactful's own notice says, and how its Undo works.

const KINDS = ["to", "cc", "bcc"];

/** Why the service path cannot be offered for this compose, or null when it can: the service's own reason
 *  (file_outbox, no_sender, not_verified), "unknown" (no answer), "names_only" (a recipient shown without an
 *  address would be dropped), "no_to" (the service needs one To address) or "unreadable" (the compose's
 *  attachments could not be counted: a draft is never discarded on a guess). */
export function serviceBlocker(delivery, fields, attachments = 0) {
  if (!delivery || typeof delivery !== "object") return "unknown";
  if (delivery.service_path !== true) return delivery.reason || "not_verified";
  if (KINDS.some((kind) => (fields?.[kind]?.names || []).length > 0)) return "names_only";
  if (!(fields?.to?.addresses || []).length) return "no_to";
  if (!Number.isInteger(attachments) || attachments < 0) return "unreadable";
  return null;
}

/** The paths a held send may take, the preferred one first: the webmail's own Schedule send always (the
 *  default), the service only when it has a verified mail server and every recipient has an address. */
export function schedulePaths({ delivery, fields, preferred, attachments = 0 }) {
  const blocker = serviceBlocker(delivery, fields, attachments);
  if (blocker) return { paths: ["webmail"], blocker };
  return { paths: preferred === "service" ? ["service", "webmail"] : ["webmail", "service"], blocker: null };
}

/** A reply whose conversation the service cannot keep: the page shows no message id to answer. */
export function losesConversation(reply) {
  return Boolean(reply?.isReply) && !reply.inReplyTo;
}

/** The POST /v1/scheduled body for the service path: To, Cc and Bcc each from its own field, From, the thread's
 *  ids when known, the HTML as written and its text, and how many attachments the compose holds (the service
 *  refuses those: it cannot carry them). */
export function serviceMessage({ fields, from, subject, body, reply, attachments, clientId }) {
  const message = { to: [...fields.to.addresses], cc: [...fields.cc.addresses], bcc: [...fields.bcc.addresses],
    subject: subject || "", text: body?.text || "", attachments: Math.max(0, Number(attachments) || 0),
    when: "next_window", via: "smtp" };
  if (body?.html) message.html = body.html;
  if (from) message.from = from;
  if (reply?.inReplyTo) message.in_reply_to = reply.inReplyTo;
  if (reply?.references) message.references = reply.references;
  if (clientId) message.client_id = clientId;
  return message;
}

/** The service's record of a webmail schedule: recipients, subject and the instant, never the body. */
export function webmailRecord({ fields, subject, sendAt, clientId }) {
  const message = { to: [...fields.to.addresses], cc: [...fields.cc.addresses], bcc: [...fields.bcc.addresses],
    subject: subject || "", send_at: sendAt, via: "webmail" };
  if (clientId) message.client_id = clientId;
  return message;
}

/** What a refusal of the service path means: "attachments" (offer the webmail path, which keeps them) or "other". */
export function refusalKind(error) {
  return error?.code === "attachments_unsupported" || error?.field === "attachments" ? "attachments" : "other";
}

/** The notice's first line as [message key, substitutions], from noticeTimes() and the client's name (if any):
 *  the name always stands alone (never with a possessive), so any client name reads right in en, es and pl. */
export function noticeWhen(times, clientName) {
  if (!clientName) return ["notice_when_own", [times.client]];
  if (times.same) return ["notice_when_same", [times.client, clientName]];
  return ["notice_when", [times.client, clientName, times.user]];
}

/** How the notice's Undo works: "cancel" (the service holds it: cancel and put the draft back), "unschedule"
 *  (press the webmail's own undo), or "hint" (the webmail offers none on the page: say how). */
export function undoPlan({ path, canUnschedule }) {
  if (path === "service") return "cancel";
  return canUnschedule ? "unschedule" : "hint";
}

/** A shared, cached answer to "can the service deliver?" (GET /v1/me's delivery): asked at most every maxAgeMs,
 *  one request at a time; null while unknown or when the service does not answer. */
export function createDeliveryCache(ask, { maxAgeMs = 60_000, now = () => Date.now() } = {}) {
  let value = null;
  let at = -Infinity;
  let pending = null;
  return {
    /** What is known now, without asking. */
    get current() { return value; },
    /** The status, asking the service when what is known is older than maxAgeMs (or fresh is set). */
    get({ fresh = false } = {}) {
      if (!fresh && now() - at < maxAgeMs) return Promise.resolve(value);
      if (!pending) {
        pending = Promise.resolve().then(ask).then((reply) => {
          value = reply?.ok && reply.data && typeof reply.data === "object" ? reply.data : null;
          at = now();
          return value;
        }, () => {
          value = null;
          at = now();
          return null;
        }).finally(() => { pending = null; });
      }
      return pending;
    },
  };
}
