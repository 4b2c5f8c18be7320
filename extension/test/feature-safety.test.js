import test from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|insertHTML|document\.write|eval\s*\(|new\s+Function\b|setAttribute\(\s*["']on)/;
// The one place HTML goes into a page: Undo of the service path puts the held message back, and only as
// restorableMarkup() cleaned it (parsed inert, active parts dropped; checked in Chromium by tests/e2e/test_safety.py).
const RESTORE = 'adapters/compose.js: if (!(markup && doc.execCommand("insertHTML", false, markup)) && message.text) {';

function scripts(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "test") continue;
    if (statSync(path).isDirectory()) scripts(path, out);
    else if (name.endsWith(".js") || name.endsWith(".html")) out.push(path);
  }
  return out;
}

test("no extension file builds HTML from strings or evaluates code", () => {
  const found = scripts(ROOT).flatMap((file) => readFileSync(file, "utf8").split("\n")
    .map((line, i) => (SINKS.test(line) ? `${file.slice(ROOT.length)}:${i + 1}: ${line.trim()}` : null))
    .filter(Boolean));
  const unnumbered = (entry) => entry.replace(/:\d+: /, ": ");
  assert.deepEqual(found.filter((entry) => unnumbered(entry) !== RESTORE), []);
  assert.equal(found.filter((entry) => unnumbered(entry) === RESTORE).length, 1, "the draft is put back in one place");
});

test("the held message goes back into the page only through restorableMarkup", () => {
  const source = readFileSync(join(ROOT, "adapters/compose.js"), "utf8");
  assert.match(source, /const markup = message\.html \? restorableMarkup\(doc, message\.html\) : "";\n.*\n\s*if \(!\(markup && doc\.execCommand\("insertHTML", false, markup\)\)/);
});

test("extension pages have no inline scripts, inline handlers or style attributes", () => {
  for (const file of scripts(ROOT).filter((f) => f.endsWith(".html"))) {
    const html = readFileSync(file, "utf8");
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, file);
    assert.doesNotMatch(html, /\son[a-z]+=/, file);
    assert.doesNotMatch(html, /\sstyle=/, file);
  }
});

test("the manifest keeps a strict CSP and loopback-only host permissions", () => {
  const m = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8"));
  const csp = m.content_security_policy.extension_pages;
  assert.match(csp, /script-src 'self';/);
  assert.match(csp, /object-src 'none'/);
  assert.doesNotMatch(csp, /unsafe/);
  assert.deepEqual(m.host_permissions, ["http://127.0.0.1/*", "http://localhost/*"]);
  assert.equal(m.background.type, "module");
  assert.equal(m.background.service_worker, "background.js");
  assert.deepEqual(m.background.scripts, ["background.js"]);
  assert.equal(m.content_scripts[0].all_frames, false);
});
