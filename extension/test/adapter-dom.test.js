// Pure helpers the Gmail and Outlook adapters share: addresses, labels, date fields, the client's message.

import test from "node:test";
import assert from "node:assert/strict";

import { formatDateField, formatTimeField, isDemoPath, labelsFor, looksLikeAddress, matchesLabel, normalizeLabel,
  parseAddresses, pickIncoming, textWithout, typedAddresses } from "../adapters/dom.js";

test("parseAddresses reads chip attributes and labels in every shape the webmails use", () => {
  assert.deepEqual(parseAddresses("ana@acme.com"), ["ana@acme.com"]);
  assert.deepEqual(parseAddresses("Ana Ruiz <Ana.Ruiz@Acme.com>"), ["ana.ruiz@acme.com"]);
  assert.deepEqual(parseAddresses("Ana Ruiz, ana@acme.com"), ["ana@acme.com"]);
  assert.deepEqual(parseAddresses("Google Account: Sam Carter (sam@studio.example)"), ["sam@studio.example"]);
  assert.deepEqual(parseAddresses("Inbox (3) - sam+work@mail.studio.co.uk - Gmail"), ["sam+work@mail.studio.co.uk"]);
  assert.deepEqual(parseAddresses("a@x.org; b@y.org"), ["a@x.org", "b@y.org"]);
  assert.deepEqual(parseAddresses("Ana Ruiz"), []);
  assert.deepEqual(parseAddresses(null), []);
});

test("looksLikeAddress accepts one whole address only", () => {
  assert.ok(looksLikeAddress(" jan.kowalski@klient.example "));
  assert.ok(!looksLikeAddress("jan.kowalski@"));
  assert.ok(!looksLikeAddress("Jan <jan@klient.example>"));
  assert.ok(!looksLikeAddress("jan@klient"));
});

test("typedAddresses keeps the addresses typed so far and drops half-typed ones", () => {
  assert.deepEqual(typedAddresses("ana@acme.com, Bo <Bo@x.org>; half@"), ["ana@acme.com", "bo@x.org"]);
  assert.deepEqual(typedAddresses("ana@acme"), []);
  assert.deepEqual(typedAddresses(""), []);
  assert.deepEqual(typedAddresses(undefined), []);
});

test("normalizeLabel drops Gmail's direction marks and extra spaces", () => {
  assert.equal(normalizeLabel("Send \u202A(Ctrl-Enter)\u202C"), "send (ctrl-enter)");
  assert.equal(normalizeLabel("  Discard\u00A0 draft "), "discard draft");
});

test("matchesLabel: exact by default, prefix only before a non-letter", () => {
  const send = ["Send", "Enviar", "Wyślij"];
  assert.ok(matchesLabel("Send \u202A(Ctrl-Enter)\u202C", send, { prefix: true }));
  assert.ok(matchesLabel("Enviar ‪(Ctrl-Intro)‬", send, { prefix: true }));
  assert.ok(matchesLabel("Wyślij (Ctrl+Enter)", send, { prefix: true }));
  assert.ok(matchesLabel("wyślij", send));
  assert.ok(!matchesLabel("Send (Ctrl-Enter)", send));
  assert.ok(!matchesLabel("Sender", send, { prefix: true }));
  assert.ok(!matchesLabel("Wyślijmy", send, { prefix: true }));
  assert.ok(!matchesLabel("More send options", send, { prefix: true }));
  assert.ok(!matchesLabel("Schedule send", send, { prefix: true }));
  assert.ok(!matchesLabel("", send, { prefix: true }));
  assert.ok(matchesLabel("Message body, press Alt+F10 to exit", ["Message body"], { prefix: true }));
});

test("labelsFor puts the page's language first and still tries the others", () => {
  const table = { en: ["Send"], es: ["Enviar"], pl: ["Wyślij"] };
  assert.deepEqual(labelsFor(table, "pl-PL"), ["Wyślij", "Send", "Enviar"]);
  assert.deepEqual(labelsFor(table, "es"), ["Enviar", "Send", "Wyślij"]);
  assert.deepEqual(labelsFor(table, "de"), ["Send", "Enviar", "Wyślij"]);
  assert.deepEqual(labelsFor(table, ""), ["Send", "Enviar", "Wyślij"]);
});

test("date and time fields get ISO values for date/time inputs and local text otherwise", () => {
  const at = new Date(2026, 10, 3, 8, 5);
  assert.equal(formatDateField(at, "date"), "2026-11-03");
  assert.equal(formatTimeField(at, "time"), "08:05");
  assert.match(formatDateField(at, "text", "en"), /Nov 3, 2026/);
  assert.match(formatTimeField(at, "text", "en"), /8:05/);
  assert.match(formatTimeField(at, "text", "pl"), /8:05/);
});

test("pickIncoming prefers the reply's recipient, then anyone but the user", () => {
  const messages = [
    { from: ["ana@acme.com"], text: "First from Ana" },
    { from: ["bo@partner.org"], text: "Bo chimes in" },
    { from: ["me@studio.example"], text: "My answer" },
  ];
  const who = (addresses, names = []) => ({ addresses, names });
  assert.equal(pickIncoming(messages, who(["me@studio.example"]), who(["ana@acme.com"])), "First from Ana");
  assert.equal(pickIncoming(messages, who(["me@studio.example"]), who([])), "Bo chimes in");
  assert.equal(pickIncoming(messages, who([]), who(["nobody@x.org"])), "My answer", "the user unknown: the last one");
  assert.equal(pickIncoming(messages, who(["ME@studio.example"]), who(["nobody@x.org"])), "Bo chimes in");
  assert.equal(pickIncoming([{ from: ["me@studio.example"], text: "Only me" }], who(["me@studio.example"]), who([])), "");
  assert.equal(pickIncoming([{ from: [], text: "  Unknown sender  " }], who([]), who([])), "Unknown sender");
  assert.equal(pickIncoming([{ from: ["ana@acme.com"], text: "  " }], who([]), who(["ana@acme.com"])), "");
  assert.equal(pickIncoming([], who([]), who([])), "");
});

test("pickIncoming knows senders shown by name only (Outlook's reading pane), accents and case aside", () => {
  const messages = [
    { from: [], names: ["Marek Nowak"], text: "From Marek" },
    { from: [], names: ["Sam Carter"], text: "Mine" },
  ];
  const who = (addresses, names = []) => ({ addresses, names });
  assert.equal(pickIncoming(messages, who(["sam@studio.example"], ["Sam Carter"]), who([], ["marek nowak"])), "From Marek");
  assert.equal(pickIncoming(messages, who([], ["SAM CARTER"]), who([])), "From Marek");
  assert.equal(pickIncoming([{ from: [], names: ["José Núñez"], text: "Hola" }], who([], ["Sam"]), who([], ["jose nunez"])),
    "Hola");
});

test("isDemoPath knows the demo pages on loopback only", () => {
  const url = (s) => new URL(s);
  assert.ok(isDemoPath(url("http://127.0.0.1:8799/demo/gmail"), "gmail"));
  assert.ok(isDemoPath(url("http://localhost:8722/demo/gmail-es?reply=1"), "gmail"));
  assert.ok(isDemoPath(url("http://127.0.0.1/demo/outlook-pl.html"), "outlook"));
  assert.ok(!isDemoPath(url("http://127.0.0.1/demo/outlook"), "gmail"));
  assert.ok(!isDemoPath(url("http://127.0.0.1/demo/gmailx"), "gmail"));
  assert.ok(!isDemoPath(url("http://evil.example/demo/gmail"), "gmail"));
  assert.ok(!isDemoPath(url("http://127.0.0.1/v1/demo/gmail"), "gmail"));
});

/** A minimal element tree for textWithout: tag names, classes and children. */
function h(tag, className, ...children) {
  const el = {
    nodeType: 1, tagName: tag.toUpperCase(), className,
    childNodes: children.map((c) => (typeof c === "string" ? { nodeType: 3, nodeValue: c } : c)),
    matches: (selector) => selector.split(",").some((s) => className.split(" ").includes(s.trim().slice(1))),
  };
  return el;
}

test("textWithout keeps line breaks of blocks and <br>, collapses source whitespace and skips quotes", () => {
  const body = h("div", "a3s",
    "\n   ", h("div", "", "Sam,"), "\n   ",
    h("div", "", "I need it   TODAY", h("br", ""), "or else."), "\n",
    h("div", "gmail_quote", h("div", "", "On Mon, Ana wrote:"), h("blockquote", "", "old text")),
    h("div", "", "Ana"));
  assert.equal(textWithout(body, ".gmail_quote, .gmail_extra"), "Sam,\nI need it TODAY\nor else.\nAna");
  assert.equal(textWithout(body, null).split("\n").length, 6);
});

test("asMessageId accepts RFC 5322 ids only: webmail's own ids are not message ids", async () => {
  const { asMessageId } = await import("../adapters/dom.js");
  assert.equal(asMessageId("<CAF1x@mail.gmail.com>"), "<CAF1x@mail.gmail.com>");
  assert.equal(asMessageId(" abc.123@acme.example "), "<abc.123@acme.example>");
  for (const value of ["#msg-f:1816000000000000001", "1933a0b1c2d3e4f5", "msg-f:1@x", "mailto:a@b.example", "<a b@c>",
    "<a@b@c>", "", null, undefined, "<@x>", "<a@>"]) {
    assert.equal(asMessageId(value), null, String(value));
  }
});

test("isPrivateImage: pasted or uploaded images only the webmail can show count as attachments", async () => {
  const { isPrivateImage } = await import("../adapters/dom.js");
  const hosts = ["mail.google.com"];
  for (const src of ["blob:https://mail.google.com/4f1c", "data:image/png;base64,AAAA", "cid:ii_k1",
    "https://mail.google.com/mail/u/0?ui=2&attid=0.1&disp=emb", "/mail/u/0?attid=0.2", "javascript:x"]) {
    assert.equal(isPrivateImage(src, "mail.google.com", hosts), true, src);
  }
  for (const src of ["https://studio.example/logo.png", "https://ci3.googleusercontent.com/proxy/abc"]) {
    assert.equal(isPrivateImage(src, "mail.google.com", hosts), false, src);
  }
  assert.equal(isPrivateImage("https://x.attachments.office.net/a", "outlook.office.com", ["attachments.office.net"]),
    true);
});
