import test from "node:test";
import assert from "node:assert/strict";
import { codePointToUtf16, offsetConverter, utf16ToCodePoint } from "../lib/offsets.js";

test("plain text: offsets are the same both ways", () => {
  const c = offsetConverter("hola, qué tal");
  for (let i = 0; i <= 13; i++) {
    assert.equal(c.toUtf16(i), i);
    assert.equal(c.toCodePoint(i), i);
  }
});

test("emoji (surrogate pairs) shift UTF-16 offsets by one each", () => {
  const text = "a😀b😀😀c";
  const c = offsetConverter(text);
  assert.equal(c.length, [...text].length);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(c.toUtf16), [0, 1, 3, 4, 6, 8, 9]);
  assert.deepEqual([0, 1, 3, 4, 6, 8, 9].map(c.toCodePoint), [0, 1, 2, 3, 4, 5, 6]);
});

test("a span given in code points selects the same characters in UTF-16", () => {
  const text = "🙂 Como ya te dije, 🙂 URGENTE";
  const cps = [...text];
  const start = cps.indexOf("C"), end = start + "Como ya te dije".length;
  const c = offsetConverter(text);
  assert.equal(text.slice(c.toUtf16(start), c.toUtf16(end)), "Como ya te dije");
  const u = text.indexOf("URGENTE");
  assert.equal(cps.slice(c.toCodePoint(u), c.toCodePoint(u + 7)).join(""), "URGENTE");
});

test("an offset between the halves of a pair snaps to the pair's start", () => {
  assert.equal(utf16ToCodePoint("x😀y", 2), 1);
  assert.equal(utf16ToCodePoint("😀", 1), 0);
});

test("combining marks are code points of their own, as in Python", () => {
  const text = "cafe\u0301 ya"; // é as e + combining acute
  assert.equal(codePointToUtf16(text, 5), 5);
  assert.equal(utf16ToCodePoint(text, 5), 5);
  const flag = "🇵🇱 ok"; // two regional indicators: two code points, four UTF-16 units
  assert.equal(codePointToUtf16(flag, 2), 4);
  assert.equal(utf16ToCodePoint(flag, 4), 2);
});

test("out-of-range and odd inputs clamp", () => {
  const c = offsetConverter("a😀");
  assert.equal(c.toUtf16(-5), 0);
  assert.equal(c.toUtf16(99), 3);
  assert.equal(c.toCodePoint(99), 2);
  assert.equal(c.toUtf16(NaN), 0);
  assert.equal(c.toUtf16(1.7), 1);
});

test("lone surrogates count as one code point each", () => {
  const text = "a\ud800b\udc00c";
  const c = offsetConverter(text);
  assert.equal(c.length, 5);
  assert.equal(c.toUtf16(4), 4);
});

test("a long text converts quickly", () => {
  const text = "palabra 😀 ".repeat(10000);
  const c = offsetConverter(text);
  const started = performance.now();
  for (let i = 0; i < 10000; i++) c.toUtf16(i * 10);
  assert.ok(performance.now() - started < 200);
  assert.equal(c.toUtf16(10 * 9999 + 8), 11 * 9999 + 8);
});
