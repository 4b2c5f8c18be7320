// The two site adapters: which URLs they claim, and that every label list speaks English, Spanish and Polish.
// Their DOM behaviour is exercised against the demo pages (backend/tactful/demo_pages) in a real browser.

import test from "node:test";
import assert from "node:assert/strict";

import * as gmail from "../adapters/gmail.js";
import * as outlook from "../adapters/outlook.js";
import { SITES } from "../lib/sites.js";

const url = (s) => new URL(s);

test("each adapter claims its own webmail and demo pages, and nothing else", () => {
  assert.ok(gmail.matches(url("https://mail.google.com/mail/u/0/#inbox")));
  assert.ok(gmail.matches(url("https://mail.google.com/mail/u/0/?view=cm&fs=1")));
  assert.ok(gmail.matches(url("http://127.0.0.1:8722/demo/gmail-es?reply=1")));
  assert.ok(!gmail.matches(url("http://mail.google.com/")));
  assert.ok(!gmail.matches(url("https://mail.google.com.evil.example/")));
  assert.ok(!gmail.matches(url("https://outlook.office.com/mail/")));
  for (const host of ["outlook.office.com", "outlook.office365.com", "outlook.live.com"]) {
    assert.ok(outlook.matches(url(`https://${host}/mail/inbox`)), host);
  }
  assert.ok(outlook.matches(url("http://localhost:8799/demo/outlook-pl")));
  assert.ok(!outlook.matches(url("https://mail.google.com/")));
  assert.ok(!outlook.matches(url("http://127.0.0.1:8722/demo/gmail")));
});

test("names and exports follow the adapter contract", () => {
  for (const [adapter, name] of [[gmail, "gmail"], [outlook, "outlook"]]) {
    assert.equal(adapter.name, name);
    assert.deepEqual([...adapter.SITE_HOSTS], SITES[name]);
    assert.equal(typeof adapter.findComposes, "function");
    assert.equal(typeof adapter.matches, "function");
    assert.equal(typeof adapter.SELECTORS, "object");
  }
});

for (const adapter of [gmail, outlook]) {
  test(`${adapter.name}: every label list has English, Spanish and Polish entries`, () => {
    for (const [key, table] of Object.entries(adapter.SELECTORS.labels)) {
      for (const lang of ["en", "es", "pl"]) {
        assert.ok(Array.isArray(table[lang]) && table[lang].length > 0, `${key}.${lang}`);
        assert.ok(table[lang].every((label) => typeof label === "string" && label.trim()), `${key}.${lang}`);
      }
    }
  });

  test(`${adapter.name}: selectors are non-empty strings and avoid :has() (not in every supported browser)`, () => {
    const strings = Object.entries(adapter.SELECTORS).filter(([key]) => key !== "labels")
      .flatMap(([, value]) => (typeof value === "string" ? [value] : Array.isArray(value) ? value : []));
    assert.ok(strings.length > 10);
    for (const selector of strings) {
      assert.ok(selector.trim() && !selector.includes(":has("), selector);
    }
  });
}

test("the labels the contract names are all there", () => {
  const g = gmail.SELECTORS.labels;
  assert.deepEqual([g.send.en[0], g.send.es[0], g.send.pl[0]], ["Send", "Enviar", "Wyślij"]);
  assert.deepEqual([g.scheduleSend.es[0], g.scheduleSend.pl[0]], ["Programar envío", "Zaplanuj wysłanie"]);
  assert.deepEqual([g.body.en[0], g.body.es[0], g.body.pl[0]], ["Message Body", "Cuerpo del mensaje", "Treść wiadomości"]);
  assert.deepEqual([g.to.en[0], g.to.es[0], g.to.pl[0]], ["To recipients", "Destinatarios en Para", "Odbiorcy w polu Do"]);
  const o = outlook.SELECTORS.labels;
  assert.deepEqual([o.send.en[0], o.send.es[0], o.send.pl[0]], ["Send", "Enviar", "Wyślij"]);
  assert.deepEqual([o.body.en[0], o.body.es[0], o.body.pl[0]], ["Message body", "Cuerpo del mensaje", "Treść wiadomości"]);
  assert.deepEqual([o.scheduleSend.es[0], o.scheduleSend.pl[0]], ["Programar envío", "Zaplanuj wysyłanie"]);
  assert.deepEqual([o.subject.en[0], o.subject.es[0], o.subject.pl[0]], ["Subject", "Asunto", "Temat"]);
  assert.ok(o.subject.en.includes("Add a subject") && o.subject.pl.includes("Dodaj temat"));
});

test("findComposes on a page without composes finds none", () => {
  const empty = { querySelectorAll: () => [] };
  assert.deepEqual(gmail.findComposes(empty), []);
  assert.deepEqual(outlook.findComposes(empty), []);
});
