import test from "node:test";
import assert from "node:assert/strict";
import { composeFacts } from "../features/send-dialog.js";

const field = (addresses = [], names = []) => ({ addresses, names });

test("composeFacts reads every part the service path needs, each getter on its own", () => {
  const compose = {
    getRecipientFields: () => ({ to: field(["a@x.example"]), cc: field(["b@x.example"]), bcc: field(["c@x.example"]) }),
    getSendSubject: () => "Re: Plan", getSubject: () => "Plan", getFrom: () => "me@x.example",
    getReplyHeaders: () => ({ isReply: true, inReplyTo: null, references: null }), getAttachments: () => 2,
    getBody: () => ({ html: "<b>Hi</b>", text: "Hi" }),
  };
  assert.deepEqual(composeFacts(compose), {
    fields: compose.getRecipientFields(), subject: "Re: Plan", from: "me@x.example",
    reply: { isReply: true, inReplyTo: null, references: null }, attachments: 2, body: { html: "<b>Hi</b>", text: "Hi" },
  });
});

test("a getter that throws or is missing reads as nothing, never as a broken dialog", () => {
  const boom = () => { throw new Error("the webmail changed"); };
  const facts = composeFacts({ getRecipientFields: boom, getRecipients: () => ["a@x.example"], getSubject: () => "S",
    getFrom: boom, getReplyHeaders: boom, getAttachments: boom, getBody: boom });
  assert.deepEqual(facts.fields.to, { addresses: ["a@x.example"], names: [] });
  assert.deepEqual(facts.fields.cc, { addresses: [], names: [] });
  assert.equal(facts.subject, "S", "an older adapter without getSendSubject: its subject");
  assert.equal(facts.from, null);
  assert.deepEqual(facts.reply, { isReply: false, inReplyTo: null, references: null });
  assert.equal(facts.attachments, null, "not counted: unknown, never 0");
  assert.equal(composeFacts({ getRecipients: () => [], getSubject: () => "" }).attachments, 0,
    "an adapter without the getter (no attachments to count)");
  assert.equal(facts.body, null);
});
