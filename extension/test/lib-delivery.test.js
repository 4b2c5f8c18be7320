import test from "node:test";
import assert from "node:assert/strict";
import { createDeliveryCache, losesConversation, noticeWhen, refusalKind, schedulePaths, serviceBlocker,
  serviceMessage, undoPlan, webmailRecord } from "../lib/delivery.js";

const field = (addresses = [], names = []) => ({ addresses, names });
const fields = (to = [], cc = [], bcc = []) => ({ to: field(to), cc: field(cc), bcc: field(bcc) });
const smtp = { transport: "smtp", verified: true, service_path: true, reason: null };
const file = { transport: "file", verified: true, service_path: false, reason: "file_outbox" };

test("the webmail's Schedule send is always offered, and first unless the user prefers the service", () => {
  const f = fields(["ana@acme.example"]);
  assert.deepEqual(schedulePaths({ delivery: smtp, fields: f, preferred: "webmail" }),
    { paths: ["webmail", "service"], blocker: null });
  assert.deepEqual(schedulePaths({ delivery: smtp, fields: f, preferred: "service" }).paths, ["service", "webmail"]);
  assert.deepEqual(schedulePaths({ delivery: smtp, fields: f }).paths, ["webmail", "service"]);
});

test("the service path is offered only with a verified mail server and an address for every recipient", () => {
  const f = fields(["ana@acme.example"]);
  for (const [delivery, why] of [[file, "file_outbox"], [null, "unknown"], [undefined, "unknown"], ["x", "unknown"],
    [{ service_path: false, reason: "no_sender" }, "no_sender"], [{ service_path: false }, "not_verified"],
    [{ service_path: "true" }, "not_verified"]]) {
    assert.deepEqual(schedulePaths({ delivery, fields: f, preferred: "service" }), { paths: ["webmail"], blocker: why });
  }
  const outlook = { to: field([], ["Ana Ruiz"]), cc: field(), bcc: field() };
  assert.equal(serviceBlocker(smtp, outlook), "names_only", "a name shown alone would be dropped");
  const mixed = { to: field(["a@x.example"]), cc: field([], ["Bo"]), bcc: field() };
  assert.equal(serviceBlocker(smtp, mixed), "names_only");
  assert.equal(serviceBlocker(smtp, fields([], ["cc@x.example"])), "no_to");
  assert.equal(serviceBlocker(smtp, undefined), "no_to");
  for (const count of [null, undefined, NaN, -1, 1.5, "2"]) {
    assert.equal(serviceBlocker(smtp, f, count === undefined ? null : count), "unreadable", String(count));
  }
  assert.equal(serviceBlocker(smtp, f, 3), null, "counted attachments: the service itself refuses them");
});

test("the service message keeps To, Cc and Bcc apart and carries From, threading, HTML, text and attachments", () => {
  const message = serviceMessage({ fields: fields(["ana@acme.example"], ["boss@acme.example"], ["me@studio.example"]),
    from: "sam@studio.example", subject: "Re: Quote", body: { html: "<div><b>Hi</b> Ana</div>", text: "Hi Ana" },
    reply: { isReply: true, inReplyTo: "<a@acme.example>", references: "<z@acme.example> <a@acme.example>" },
    attachments: 2, clientId: "acme" });
  assert.deepEqual(message, { to: ["ana@acme.example"], cc: ["boss@acme.example"], bcc: ["me@studio.example"],
    subject: "Re: Quote", text: "Hi Ana", html: "<div><b>Hi</b> Ana</div>", from: "sam@studio.example",
    in_reply_to: "<a@acme.example>", references: "<z@acme.example> <a@acme.example>", attachments: 2,
    client_id: "acme", when: "next_window", via: "smtp" });
  const bare = serviceMessage({ fields: fields(["a@x.example"]), body: { text: "t" }, attachments: "junk" });
  assert.deepEqual(bare, { to: ["a@x.example"], cc: [], bcc: [], subject: "", text: "t", attachments: 0,
    when: "next_window", via: "smtp" });
});

test("a webmail record holds who, what and when, never the body", () => {
  assert.deepEqual(webmailRecord({ fields: fields(["a@x.example"], ["b@x.example"]), subject: "S",
    sendAt: "2026-12-09T09:00:00+01:00", clientId: "x" }),
  { to: ["a@x.example"], cc: ["b@x.example"], bcc: [], subject: "S", send_at: "2026-12-09T09:00:00+01:00",
    via: "webmail", client_id: "x" });
});

test("a reply without a readable message id loses its conversation on the service path", () => {
  assert.equal(losesConversation({ isReply: true, inReplyTo: null, references: null }), true);
  assert.equal(losesConversation({ isReply: true, inReplyTo: "<a@b.example>" }), false);
  assert.equal(losesConversation({ isReply: false }), false);
  assert.equal(losesConversation(null), false);
});

test("an attachment refusal offers the webmail path; anything else is an error to show", () => {
  assert.equal(refusalKind({ code: "attachments_unsupported", field: "attachments" }), "attachments");
  assert.equal(refusalKind({ code: "invalid_header", field: "subject" }), "other");
  assert.equal(refusalKind(undefined), "other");
});

test("the notice's wording never glues a possessive to the client's name", () => {
  assert.deepEqual(noticeWhen({ client: "Tue 09:00", user: "15:00", same: false }, "Northwind Traders"),
    ["notice_when", ["Tue 09:00", "Northwind Traders", "15:00"]]);
  assert.deepEqual(noticeWhen({ client: "Tue 09:00", user: "09:00", same: true }, "Ana"),
    ["notice_when_same", ["Tue 09:00", "Ana"]]);
  assert.deepEqual(noticeWhen({ client: "Tue 09:00", user: "09:00", same: true }, ""), ["notice_when_own", ["Tue 09:00"]]);
});

test("Undo cancels on the service path, unschedules where the webmail allows, else says how", () => {
  assert.equal(undoPlan({ path: "service", canUnschedule: false }), "cancel");
  assert.equal(undoPlan({ path: "webmail", canUnschedule: true }), "unschedule");
  assert.equal(undoPlan({ path: "webmail", canUnschedule: false }), "hint");
});

test("the delivery status is asked once at a time and kept for a minute", async () => {
  let now = 0;
  const asks = [];
  const cache = createDeliveryCache(async () => { asks.push(now); return { ok: true, data: smtp }; },
    { now: () => now });
  assert.equal(cache.current, null);
  const [a, b] = await Promise.all([cache.get(), cache.get()]);
  assert.deepEqual([a, b], [smtp, smtp]);
  assert.equal(asks.length, 1);
  now = 59_000;
  await cache.get();
  assert.equal(asks.length, 1);
  now = 61_000;
  await cache.get();
  assert.equal(asks.length, 2);
  await cache.get({ fresh: true });
  assert.equal(asks.length, 3);
});

test("no answer, a failure or a thrown error reads as unknown (the service path is then not offered)", async () => {
  for (const ask of [async () => ({ ok: false, offline: true }), async () => { throw new Error("dead"); },
    async () => ({ ok: true, data: null }), async () => undefined]) {
    const cache = createDeliveryCache(ask);
    assert.equal(await cache.get(), null);
    assert.equal(cache.current, null);
  }
});
