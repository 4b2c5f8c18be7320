import test from "node:test";
import assert from "node:assert/strict";
import { buildTextMap, locate, offsetOf, rangeFor } from "../lib/textmap.js";
import { makeDoc } from "./fake-dom.js";

const { h } = makeDoc();

test("text nodes, <br> and blocks read like innerText", () => {
  const body = h("div", {}, h("div", {}, "Hola, Lorena:"), h("div", {}, h("br")), h("div", {}, "Como ", h("b", {}, "ya"),
    " te dije."), "tail");
  assert.equal(buildTextMap(body).text, "Hola, Lorena:\n\nComo ya te dije.\ntail");
});

test("a trailing <br> in a block does not add an empty line", () => {
  const body = h("div", {}, h("div", {}, "a", h("br")), h("div", {}, "b"));
  assert.equal(buildTextMap(body).text, "a\nb");
});

test("paragraphs, list items and quotes start new lines; style, script and hidden are skipped", () => {
  const body = h("div", {}, h("p", {}, "one"), h("style", {}, "p{}"), h("ul", {}, h("li", {}, "two"), h("li", {}, "three")),
    h("span", { hidden: "" }, "secret"), h("span", { style: "display:none" }, "gone"),
    h("blockquote", { class: "gmail_quote" }, "quoted"), h("script", {}, "x()"), "end");
  assert.equal(buildTextMap(body).text, "one\ntwo\nthree\nquoted\nend");
});

test("no break is added at the very start", () => {
  const body = h("div", {}, h("div", {}, "first"));
  assert.equal(buildTextMap(body).text, "first");
});

test("non-breaking spaces read as spaces, with the same length", () => {
  const body = h("div", {}, "a\u00a0b");
  const map = buildTextMap(body);
  assert.equal(map.text, "a b");
  assert.equal(map.segments[0].end, 3);
});

test("segments map text offsets back to their nodes", () => {
  const ya = h("b", {}, "ya");
  const body = h("div", {}, h("div", {}, "Hola"), h("div", {}, "Como ", ya, " te dije"));
  const map = buildTextMap(body);
  assert.deepEqual(map.segments.map((s) => [s.start, s.end]), [[0, 4], [5, 10], [10, 12], [12, 20]]);
  const r = rangeFor(map, map.text.indexOf("ya te"), map.text.indexOf("ya te") + 5);
  assert.equal(r.startContainer, ya.firstChild);
  assert.equal(r.startOffset, 0);
  assert.equal(r.endContainer.data, " te dije");
  assert.equal(r.endOffset, 3);
});

test("a range never starts on a synthetic line break", () => {
  const second = h("div", {}, "world");
  const body = h("div", {}, h("div", {}, "hello"), second);
  const map = buildTextMap(body);
  const start = locate(map, 5, "start");
  assert.equal(start.node, second.firstChild);
  assert.equal(start.offset, 0);
  const end = locate(map, 5, "end");
  assert.equal(end.node.data, "hello");
  assert.equal(end.offset, 5);
  const r = rangeFor(map, 5, 11);
  assert.equal(r.startContainer, second.firstChild);
  assert.equal(r.endOffset, 5);
});

test("offsets clamp to the text; an empty body maps to its root", () => {
  const body = h("div", {}, "abc");
  const map = buildTextMap(body);
  assert.equal(locate(map, 99).offset, 3);
  assert.equal(locate(map, -4, "start").offset, 0);
  const empty = buildTextMap(h("div", {}));
  assert.equal(empty.text, "");
  assert.equal(locate(empty, 0).node, empty.root);
});

test("offsetOf turns a caret position back into a text offset", () => {
  const ya = h("b", {}, "ya");
  const line = h("div", {}, "Como ", ya, " te dije");
  const body = h("div", {}, h("div", {}, "Hola"), line);
  const map = buildTextMap(body);
  assert.equal(offsetOf(map, ya.firstChild, 1), 11);
  assert.equal(offsetOf(map, line, 1), 10);
  assert.equal(offsetOf(map, line, 3), map.text.length);
  assert.equal(offsetOf(map, body, 0), 0);
  assert.equal(offsetOf(map, h("div", {}, "elsewhere"), 0), null);
});

test("source formatting between tags is dropped; newlines inside text read as spaces", () => {
  const body = h("div", {}, "\n    ", h("div", {}, "one\ntwo"), "\n  ", h("blockquote", {}, "\n    ", h("div", {}, "q")), "\n");
  const map = buildTextMap(body);
  assert.equal(map.text, "one two\nq");
  assert.equal(map.segments.length, 2);
});
