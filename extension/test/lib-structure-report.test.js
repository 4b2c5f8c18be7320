// The structure report's redaction: labels lose addresses, names and long text; ids lose their numbers.

import test from "node:test";
import assert from "node:assert/strict";

import { redactId, redactLabel } from "../lib/structure-report.js";
import { pickerKind } from "../adapters/dom.js";

const el = (role = null) => ({ getAttribute: (name) => (name === "role" ? role : null) });

test("labels keep the interface words and lose addresses, names and previews", () => {
  assert.equal(redactLabel("Send ‪(Ctrl-Enter)‬", el()), "Send ‪(Ctrl-Enter)‬");
  assert.equal(redactLabel("Google Account: Sam Carter (sam@studio.example)", el()), "Google Account: <name>");
  assert.equal(redactLabel("Opens card for Ana Ruiz", el("button")), "Opens card for <name>");
  assert.equal(redactLabel("From: Mark Evans", el()), "From: <name>");
  assert.equal(redactLabel("Remove ana@acme.example", el()), "Remove <address>");
  assert.equal(redactLabel("Chat with Ana Ruiz", el(), ["Ana Ruiz"]), "Chat with <name>");
  assert.equal(redactLabel("Mark Evans Website launch date 08:18", el("option")), "<label, 36 characters>");
  assert.match(redactLabel("x".repeat(61), el()), /^<label, 61 characters>$/);
});

test("ids keep their shape and lose their numbers and tokens", () => {
  assert.equal(redactId("UniqueMessageBody_14"), "UniqueMessageBody_#");
  assert.equal(redactId("MSG_AAQkAD1_SUBJECT"), "MSG_AAQkAD#_SUBJECT");
  assert.equal(redactId("AQAABTomoxgBAAAFsO0M8wAAAAA="), "*");
  assert.equal(redactId(":r8"), ":r#");
  assert.equal(redactId("x_divRplyFwdMsg"), "x_divRplyFwdMsg");
  assert.equal(redactId("ana@acme.example"), "<address>");
});

test("a schedule picker's boxes are told apart by type or by the shape of their value", () => {
  assert.equal(pickerKind({ type: "date", value: "" }), "date");
  assert.equal(pickerKind({ type: "time", value: "" }), "time");
  assert.equal(pickerKind({ type: "text", value: "May 16, 2026" }), "date");
  assert.equal(pickerKind({ type: "text", value: "1:33 PM" }), "time");
  assert.equal(pickerKind({ type: "text", value: "13:33" }), "time");
  assert.equal(pickerKind({ type: "text", value: "1:33 p. m." }), "time");
  assert.equal(pickerKind({ type: "text", value: "16.05.2026" }), "date");
  assert.equal(pickerKind({ type: "text", value: "5 dic 2026" }), "date");
  assert.equal(pickerKind({ type: "text", value: "" }), null);
  assert.equal(pickerKind({ type: "text", value: "Meeting at 10:30" }), null);
});
