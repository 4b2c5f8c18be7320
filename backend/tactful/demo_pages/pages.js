// Behaviour of the Tactful demo pages (gmail*.html, outlook*.html): composes, recipient chips, Send,
// Schedule send and Discard, recorded in window.demoOutbox for the tests. Plain DOM, no framework,
// no innerHTML; the page knows nothing about the extension and works without it.
"use strict";

(() => {
  const site = document.body.dataset.site;
  const lang = document.documentElement.lang || "en";
  const strings = JSON.parse(document.getElementById("demo-strings").textContent);
  const params = new URLSearchParams(location.search);
  const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

  /** What the page "sent" or scheduled: [{kind, to, cc, bcc, subject, text, at, scheduledFor?}]. */
  window.demoOutbox = [];
  /** Everything that happened, in order: [{type: "opened"|"sent"|"scheduled"|"discarded", ...}]. */
  window.demoLog = [];

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

  /** A fresh copy of one of the page's <template data-demo="name"> elements. */
  function fromTemplate(name) {
    return $(`template[data-demo="${name}"]`).content.firstElementChild.cloneNode(true);
  }

  /** A localized string with {placeholders} filled in. */
  function t(key, values = {}) {
    return strings[key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  }

  // ------------------------------------------------------------------ toast and outbox

  let toastTimer = 0;

  /** Show a short notice at the bottom of the page, like the webmail's own. With actions (Gmail's "Undo", "View
   *  message") it takes Gmail's shape: the text in span.bAq, each action a span[role=link] (#link_undo, #link_vsm). */
  function toast(text, actions = [], ms = 6000) {
    const box = $('[data-demo="toast"]');
    box.replaceChildren();
    if (actions.length) {
      const line = document.createElement("span");
      line.className = "aT";
      const said = document.createElement("span");
      said.className = "bAq";
      said.textContent = text;
      line.append(said);
      for (const action of actions) {
        const link = document.createElement("span");
        link.className = "ag a8k";
        link.setAttribute("role", "link");
        link.tabIndex = 0;
        link.id = action.id;
        link.dataset.demo = "toast-action";
        link.textContent = action.label;
        link.demoRun = action.run;
        line.append(link);
      }
      const wrap = document.createElement("div");
      wrap.className = "vh";
      wrap.append(line);
      box.append(wrap);
    } else {
      box.textContent = text;
    }
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, ms);
  }

  /** Record a sent or scheduled message for the tests and in the visible demo outbox. */
  function record(entry) {
    window.demoOutbox.push(entry);
    window.demoLog.push({ type: entry.kind, ...entry });
    $('[data-demo="outbox-count"]').textContent = String(window.demoOutbox.length);
    const item = document.createElement("li");
    const when = entry.scheduledFor ? `⏰ ${formatWhen(new Date(entry.scheduledFor))}` : `✓ ${formatWhen(new Date())}`;
    item.textContent = `${when} → ${[...entry.to, ...entry.cc].join(", ") || "—"} · ${entry.subject || "—"}`;
    const body = document.createElement("pre");
    body.textContent = entry.text;
    item.append(body);
    $('[data-demo="outbox-list"]').prepend(item);
  }

  /** A date and time as the page's language writes it. */
  function formatWhen(date) {
    return date.toLocaleString(lang, { weekday: "short", day: "numeric", month: "short", hour: "2-digit",
      minute: "2-digit" });
  }

  // ------------------------------------------------------------------ recipients

  /** The name shown on a chip: a known person's name from the conversation, else the address. */
  function nameFor(address) {
    const known = $$("[data-demo-person]").find((el) => el.dataset.demoPerson === address)
      || $$(".gD[email]").find((el) => el.getAttribute("email") === address);
    return known ? (known.getAttribute("name") || known.textContent.trim()) : address;
  }

  let chipCount = 0;

  /** A recipient chip as the webmail builds it: Gmail's carries the address (data-hovercard-id); Outlook's pill
   *  shows the display name only (the address stays in the page's own state, never in the markup). */
  function makeChip(address) {
    const chip = fromTemplate("chip");
    const name = nameFor(address);
    const pill = site === "gmail" ? chip.querySelector('[role="option"]') : chip;
    pill.demoAddress = address;
    if (site === "gmail") {
      pill.setAttribute("data-hovercard-id", address);
      pill.setAttribute("data-name", name);
    } else {
      chipCount += 1;
      pill.setAttribute("data-lpc-hover-target-id", `lpc-react-target-${100 + chipCount}`);
      pill.setAttribute("aria-label", `Opens card for ${name}`);
    }
    $('[data-demo="chip-name"]', chip).textContent = name;
    return chip;
  }

  /** The address in "ana@acme.example" or "Ana Ruiz <ana@acme.example>", or "" when there is none. */
  function addressIn(text) {
    const angled = text.match(/<([^<>]+)>\s*$/);
    const candidate = (angled ? angled[1] : text).trim();
    return ADDRESS.test(candidate) ? candidate.toLowerCase() : "";
  }

  /** Turn typed text into chips; false (and a notice) when a part is not an address. */
  function chipify(field, text) {
    const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
    const bad = parts.find((p) => !addressIn(p));
    if (bad) {
      toast(t("notAddress", { text: bad }));
      return false;
    }
    for (const part of parts) addChip(field, addressIn(part));
    return true;
  }

  /** Add a chip to a field: in Gmail's listbox before the input, or inside Outlook's editable well. */
  function addChip(field, address) {
    const chip = makeChip(address);
    if (site === "gmail") {
      $(".gm-chips", field.closest("[data-demo-row]")).append(chip);
      field.value = "";
      updateTwins(field.closest("[data-demo-compose]"));
    } else {
      for (const node of [...field.childNodes]) if (node.nodeType === Node.TEXT_NODE) node.remove();
      field.append(chip, document.createTextNode("\u00A0"));
      if (document.activeElement === field) placeCaretAtEnd(field);
    }
  }

  /** Text typed into a field and not yet a chip. */
  function looseText(field) {
    if (site === "gmail") return field.value;
    return [...field.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.nodeValue).join("")
      .replace(/\u00A0/g, " ");
  }

  /** Put the caret at the end of an editable element. */
  function placeCaretAtEnd(el) {
    const range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /** Is this element a recipient field of a compose? */
  function isRecipientField(el) {
    return Boolean(el && el.closest && el.closest("[data-demo-compose]") && el.matches("[data-demo-field]"));
  }

  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (!isRecipientField(field)) return;
    if (["Enter", ",", ";", "Tab"].includes(event.key)) {
      const text = looseText(field).trim();
      if (event.key !== "Tab") event.preventDefault();
      if (text) chipify(field, text);
    } else if (event.key === "Backspace" && !looseText(field).trim()) {
      const chips = $$('[data-demo="chip-name"]', field.closest("[data-demo-row]"));
      const last = chips.at(-1);
      if (last) {
        removeChip(last);
        event.preventDefault();
      }
    }
  });

  document.addEventListener("focusout", (event) => {
    if (isRecipientField(event.target) && looseText(event.target).trim()) {
      chipify(event.target, looseText(event.target));
    }
  });

  /** The addresses on the chips of one recipient row ("to", "cc", "bcc"). */
  function chipsOf(compose, row) {
    const box = $(`[data-demo-row="${row}"]`, compose);
    if (!box) return [];
    const field = $("[data-demo-field]", box);
    if (looseText(field).trim()) chipify(field, looseText(field));
    return $$('[data-demo="chip-name"]', box).map((name) => chipOf(name).demoAddress);
  }

  /** The chip element (Gmail's option, Outlook's pill) around one of its inner nodes. */
  function chipOf(node) {
    return node.closest('[role="option"], .ol-chip');
  }

  /** Remove a chip (its Gmail wrappers too) and refresh the collapsed summary. */
  function removeChip(node) {
    const compose = node.closest("[data-demo-compose]");
    (node.closest(".agh") || chipOf(node)).remove();
    if (site === "gmail" && compose) updateTwins(compose);
  }

  /** Gmail's collapsed summary repeats every chip as a hidden span[email] twin ("Ana Ruiz, bcc: Bo"). */
  function updateTwins(compose) {
    const box = $('[data-demo="twins"]', compose);
    if (!box) return;
    box.replaceChildren();
    for (const row of ["to", "cc", "bcc"]) {
      const chips = $$('[role="option"]', $(`[data-demo-row="${row}"]`, compose) || document.createElement("div"));
      chips.forEach((chip, i) => {
        if (box.childNodes.length) box.append(", ");
        if (row === "bcc" && i === 0) box.append(`${strings.bcc || "bcc"}: `);
        const twin = document.createElement("span");
        twin.setAttribute("email", chip.demoAddress);
        twin.setAttribute("data-hovercard-id", chip.demoAddress);
        twin.textContent = chip.getAttribute("data-name") || chip.demoAddress;
        box.append(twin);
      });
    }
  }

  // ------------------------------------------------------------------ composes

  let composeCount = 0;

  /** A new compose element from the page's template, with its fields marked for the page's own script. */
  function newCompose(kind) {
    const compose = fromTemplate("compose");
    compose.dataset.demoKind = kind;
    composeCount += 1;
    const region = $('[role="region"]', compose);
    if (region) region.setAttribute("data-compose-id", String(composeCount));
    const subject = $('[data-demo="subject"]', compose);
    if (subject) subject.id = `MSG_demo${composeCount}_SUBJECT`;
    for (const row of ["to", "cc", "bcc"]) {
      const box = $(`[data-demo-row="${row}"]`, compose);
      if (box) $(site === "gmail" ? "input" : ".ol-well", box).setAttribute("data-demo-field", row);
    }
    return compose;
  }

  /** Open a new message: a dialog in the dock at the bottom right (several may be open at once). */
  function openNewMessage() {
    const compose = newCompose("new");
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", t("newTitle"));
    dialog.className = "demo-compose-dialog";
    dialog.append(compose);
    $('[data-demo="dock"]').prepend(dialog);
    window.demoLog.push({ type: "opened", kind: "new" });
    focusFirstField(compose);
    return compose;
  }

  /** Open the inline reply under the conversation, addressed to the client, with the quoted message below. */
  function openReply() {
    const slot = $('[data-demo="reply-slot"]');
    const existing = $("[data-demo-compose]", slot);
    if (existing) return existing;
    const compose = newCompose("reply");
    compose.classList.add("is-inline");
    const subject = $('[data-demo-row="subject"]', compose);
    if (site === "gmail") {
      subject.hidden = true;
      $("input", subject).value = t("replyPrefix") + $("h2").textContent.trim();
      $('[role="region"]', compose)?.setAttribute("aria-label", "Reply");
    } else {
      subject.remove();
    }
    slot.append(compose);
    $(".demo-reply-actions, .gm-reply-actions, .ol-reply-actions")?.setAttribute("hidden", "");
    const to = params.get("to") || $('[data-demo="quoted-message"]').dataset.demoFrom
      || $('[data-demo="quoted-message"] .gD').getAttribute("email");
    chipify($('[data-demo-field="to"]', compose), to);
    fillQuote(compose);
    window.demoLog.push({ type: "opened", kind: "reply" });
    const body = bodyOf(compose);
    body.focus();
    const range = document.createRange();
    range.setStart(body.firstChild, 0);
    range.collapse(true);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return compose;
  }

  /** The reply body: an empty line for the user's words, then the webmail's quote of the client's message. */
  function fillQuote(compose) {
    const body = bodyOf(compose);
    const first = document.createElement("div");
    first.append(document.createElement("br"));
    const quote = fromTemplate("quote");
    const target = $('[data-demo="quote-text"]', quote);
    const original = $('[data-demo="quoted-message"] [data-demo="quote-source"], [data-demo="quoted-message"] .a3s');
    for (const line of original.children) target.append(line.cloneNode(true));
    body.append(first, document.createElement("br"), quote);
  }

  /** Open the pop-out: one compose filling the window, as Gmail and Outlook open in a separate window. */
  function openPopout() {
    document.body.classList.add("is-popout");
    $$(".gm-app, .ol-app").forEach((app) => app.remove());
    const compose = newCompose("popout");
    $('[data-demo="popout"]').append(compose);
    window.demoLog.push({ type: "opened", kind: "popout" });
    focusFirstField(compose);
  }

  /** Focus the To field of a new compose. */
  function focusFirstField(compose) {
    $('[data-demo-field="to"]', compose).focus();
  }

  /** The editable body of a compose. */
  function bodyOf(compose) {
    return $('[contenteditable="true"][aria-multiline="true"]', compose);
  }

  /** Remove a compose (and the dialog around it); bring back the Reply button for an inline reply. */
  function closeCompose(compose) {
    const wrapper = compose.closest(".demo-compose-dialog") || compose;
    if (compose.dataset.demoKind === "reply") {
      $(".gm-reply-actions, .ol-reply-actions")?.removeAttribute("hidden");
    }
    wrapper.remove();
  }

  /** What the compose would send: recipients, subject, the body's text (quote included, as mailers do) and the
   *  names of its attachments. */
  function messageOf(compose) {
    const subject = $('input[name="subjectbox"], [data-demo-row="subject"] input', compose);
    const heading = $("h2, [role='heading']");
    return {
      to: chipsOf(compose, "to"),
      cc: chipsOf(compose, "cc"),
      bcc: chipsOf(compose, "bcc"),
      subject: subject ? subject.value : t("replyPrefix") + heading.textContent.trim(),
      text: bodyOf(compose).innerText.replace(/\u00A0/g, " ").trim(),
      attachments: $$('[data-demo="attachment-name"]', compose).map((n) => n.textContent),
    };
  }

  // ------------------------------------------------------------------ attachments

  /** A file's size as the webmail writes it beside the name ("84 K", "1.2 MB"). */
  function sizeText(bytes) {
    if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return `${Math.max(1, Math.round(bytes / 1024))} K`;
  }

  /** Add the chosen files to a compose as attachment chips (nothing is uploaded: the page keeps names and sizes). */
  function attachFiles(compose, files) {
    const box = $('[data-demo="attachments"]', compose);
    for (const file of files) {
      const chip = fromTemplate("attachment");
      $('[data-demo="attachment-name"]', chip).textContent = file.name;
      $('[data-demo="attachment-size"]', chip).textContent = site === "gmail" ? `(${sizeText(file.size)})`
        : sizeText(file.size);
      chip.setAttribute("aria-label", site === "gmail" ? t("attachment", { name: file.name })
        : `${file.name}, ${sizeText(file.size)}`);
      const hidden = $('input[name="attach"]', chip);
      if (hidden) hidden.value = `demo_${Math.random().toString(16).slice(2, 10)}`;
      box.append(chip);
    }
    box.hidden = box.childElementCount === 0;
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.matches?.('[data-demo="file"]')) return;
    attachFiles(input.closest("[data-demo-compose]"), [...input.files]);
    input.value = "";
  });

  /** Send now: record the message, show "Message sent" and close the compose. */
  function sendNow(compose) {
    const message = messageOf(compose);
    if (message.to.length + message.cc.length + message.bcc.length === 0) return toast(t("noRecipient"));
    record({ kind: "sent", ...message, at: new Date().toISOString() });
    closeCompose(compose);
    return toast(t("sent"));
  }

  /** Schedule: record the instant chosen in the webmail's own dialog and close the compose. Gmail's notice offers
   *  Undo, which unschedules and brings the draft back as it was; Outlook's notice has no undo. */
  function scheduleAt(compose, when) {
    const message = messageOf(compose);
    if (message.to.length + message.cc.length + message.bcc.length === 0) return toast(t("noRecipient"));
    const entry = { kind: "scheduled", ...message, scheduledFor: when.toISOString(), at: new Date().toISOString() };
    record(entry);
    const wrapper = compose.closest(".demo-compose-dialog") || compose;
    const place = { parent: wrapper.parentNode, next: wrapper.nextSibling };
    closeCompose(compose);
    const said = t("scheduled", { when: formatWhen(when) });
    if (site !== "gmail") return toast(said);
    return toast(said, [
      { id: "link_undo", label: t("undo"), run: () => unschedule(entry, compose, wrapper, place) },
      { id: "link_vsm", label: t("viewMessage"), run: () => toast(t("viewHint")) },
    ], 12000);
  }

  /** Undo a schedule: the message leaves the outbox and its compose comes back where it was. */
  function unschedule(entry, compose, wrapper, place) {
    const at = window.demoOutbox.indexOf(entry);
    if (at < 0) return;
    window.demoOutbox.splice(at, 1);
    window.demoLog.push({ type: "unscheduled", kind: compose.dataset.demoKind });
    $('[data-demo="outbox-count"]').textContent = String(window.demoOutbox.length);
    $('[data-demo="outbox-list"]').children[window.demoOutbox.length - at]?.remove();
    place.parent.insertBefore(wrapper, place.next && place.next.parentNode === place.parent ? place.next : null);
    if (compose.dataset.demoKind === "reply") {
      $(".gm-reply-actions, .ol-reply-actions")?.setAttribute("hidden", "");
    }
    toast(t("unscheduled"));
  }

  /** Discard: the compose goes away without a trace. */
  function discard(compose) {
    window.demoLog.push({ type: "discarded", kind: compose.dataset.demoKind });
    closeCompose(compose);
    toast(t("discarded"));
  }

  // ------------------------------------------------------------------ Send options menu and dialogs

  let openMenu = null;

  /** Close the Send options menu if open. */
  function closeMenu() {
    if (!openMenu) return;
    openMenu.menu.remove();
    openMenu.button.setAttribute("aria-expanded", "false");
    openMenu = null;
  }

  /** Open the Send options menu under its arrow (attached to <body>, as the webmails do). */
  function openSendMenu(button) {
    closeMenu();
    const menu = fromTemplate("send-menu");
    const box = button.getBoundingClientRect();
    document.body.append(menu);
    const height = menu.getBoundingClientRect().height;
    menu.style.left = `${Math.max(8, box.left)}px`;
    menu.style.top = `${box.top - height - 4 > 0 ? box.top - height - 4 : box.bottom + 4}px`;
    button.setAttribute("aria-expanded", "true");
    openMenu = { menu, button, compose: button.closest("[data-demo-compose]") };
  }

  /** The next instant at the given hour, some days ahead or on the coming weekday ("monday"). */
  function presetDate(day, hour) {
    const date = new Date();
    if (day === "monday") date.setDate(date.getDate() + (((8 - date.getDay()) % 7) || 7));
    else date.setDate(date.getDate() + day);
    date.setHours(hour, 0, 0, 0);
    return date;
  }

  /** Open the Schedule send dialog for a compose: preset times and the way to pick one. */
  function openScheduleDialog(compose) {
    const backdrop = fromTemplate("schedule-dialog");
    const list = $('[data-demo="presets"]', backdrop);
    for (const [label, day, hour] of strings.presets) {
      const when = presetDate(day, hour);
      const item = document.createElement("div");
      item.className = "Az demo-modal-item";
      item.setAttribute("role", "menuitem");
      item.tabIndex = 0;
      item.dataset.demo = "preset";
      item.dataset.demoPress = "full";
      item.dataset.when = when.toISOString();
      const title = document.createElement("div");
      title.className = "Aj";
      title.textContent = label;
      const detail = document.createElement("div");
      detail.className = "demo-muted";
      detail.textContent = formatWhen(when);
      item.append(title, detail);
      list.append(item);
    }
    backdrop.demoCompose = compose;
    document.body.append(backdrop);
    return backdrop;
  }

  /** Show the date and time fields: Gmail opens a second dialog, Outlook expands the same one. */
  function openPicker(backdrop) {
    const compose = backdrop.demoCompose;
    let picker = backdrop;
    if (site === "gmail") {
      backdrop.remove();
      picker = fromTemplate("pick-dialog");
      picker.demoCompose = compose;
      document.body.append(picker);
    } else {
      $('[data-demo="custom"]', backdrop).hidden = false;
      $('[data-demo="presets"]', backdrop).hidden = true;
      $('[data-demo="pick"]', backdrop).hidden = true;
    }
    // Two plain boxes, no labels, the instant written as the webmail writes it ("May 16, 2026", "1:33 PM").
    const tomorrow = presetDate(1, 8);
    $('[data-demo="date"]', picker).value = dayText(tomorrow);
    $('[data-demo="time"]', picker).value = tomorrow.toLocaleTimeString(lang, { hour: "numeric", minute: "2-digit" });
    $('[data-demo="date"]', picker).focus();
  }

  /** A day as the picker writes it, in the page's language. */
  function dayText(date) {
    return date.toLocaleDateString(lang, { year: "numeric", month: "short", day: "numeric" });
  }

  /** The local day a picker's date text names (one of the next 400 days), or null. */
  function parseDay(text) {
    const want = text.replace(/[.,]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
    const day = new Date();
    day.setHours(0, 0, 0, 0);
    day.setDate(day.getDate() - 1);
    for (let i = 0; i < 400; i += 1, day.setDate(day.getDate() + 1)) {
      if (dayText(day).replace(/[.,]/g, "").replace(/\s+/g, " ").trim().toLowerCase() === want) return new Date(day);
    }
    return null;
  }

  /** [hours, minutes] of "1:33 PM", "13:33" or "1:33 p. m.", or null. */
  function parseTime(text) {
    const m = text.replace(/\u202f|\u00a0/g, " ").match(/^\s*(\d{1,2})[:.h](\d{2})\s*(?:([ap])\.?\s?m\.?)?\s*$/i);
    if (!m) return null;
    let hours = Number(m[1]);
    const minutes = Number(m[2]);
    if (m[3]) hours = (hours % 12) + (m[3].toLowerCase() === "p" ? 12 : 0);
    return hours < 24 && minutes < 60 ? [hours, minutes] : null;
  }

  /** Confirm the picked date and time: schedule the compose at that local instant. */
  function confirmPicked(backdrop) {
    const day = parseDay($('[data-demo="date"]', backdrop).value);
    const time = parseTime($('[data-demo="time"]', backdrop).value);
    if (!day || !time) return toast(t("badTime"));
    day.setHours(time[0], time[1], 0, 0);
    backdrop.remove();
    return scheduleAt(backdrop.demoCompose, day);
  }

  // ------------------------------------------------------------------ events

  /** Run the action of a [data-demo] control. */
  function act(control, event) {
    const action = control.dataset.demo;
    const compose = control.closest("[data-demo-compose]");
    const backdrop = control.closest(".demo-modal-backdrop");
    const handlers = {
      compose: openNewMessage,
      reply: openReply,
      send: () => sendNow(compose),
      discard: () => discard(compose),
      close: () => closeCompose(compose),
      show: () => { $(`[data-demo-row="${control.dataset.row}"]`, compose).hidden = false; },
      "chip-remove": () => removeChip(control),
      attach: () => $('[data-demo="file"]', compose).click(),
      "attachment-remove": () => {
        const box = control.closest('[data-demo="attachments"]');
        control.closest(".dL, .ol-attachment").remove();
        box.hidden = site !== "gmail" && box.childElementCount === 0;
      },
      "attachment-open": () => {},
      "toast-action": () => control.demoRun?.(),
      schedule: () => { const target = openMenu.compose; closeMenu(); openScheduleDialog(target); },
      preset: () => { backdrop.remove(); scheduleAt(backdrop.demoCompose, new Date(control.dataset.when)); },
      pick: () => openPicker(backdrop),
      confirm: () => confirmPicked(backdrop),
      cancel: () => backdrop.remove(),
      "send-options": () => (openMenu?.button === control ? closeMenu() : openSendMenu(control)),
    };
    if (!handlers[action]) return;
    event.preventDefault();
    handlers[action]();
  }

  // Gmail's menu buttons open on mousedown (a bare .click() does nothing there); everything else on click.
  const OPENS_ON_MOUSEDOWN = site === "gmail" ? new Set(["send-options"]) : new Set();
  // Schedule-send items ([data-demo-press="full"]) answer only a whole pointer press with coordinates:
  // pointerdown, mousedown, pointerup, mouseup, then click, as the real menus do.
  const FULL_PRESS = ["pointerdown", "mousedown", "pointerup", "mouseup"];
  const presses = new WeakMap();

  for (const type of FULL_PRESS) {
    document.addEventListener(type, (event) => {
      const control = event.target.closest?.('[data-demo-press="full"]');
      if (!control) return;
      const seen = type === "pointerdown" ? [] : presses.get(control) || [];
      seen.push(type);
      presses.set(control, seen);
    }, true);
  }

  /** Did this click finish a whole pointer press on the control? */
  function pressedFully(control, event) {
    const seen = presses.get(control) || [];
    presses.delete(control);
    return FULL_PRESS.every((type, i) => seen[i] === type) && (event.clientX !== 0 || event.clientY !== 0);
  }

  document.addEventListener("submit", (event) => event.preventDefault());

  document.addEventListener("mousedown", (event) => {
    const control = event.target.closest?.("[data-demo]");
    if (control && OPENS_ON_MOUSEDOWN.has(control.dataset.demo)) act(control, event);
    else if (openMenu && !openMenu.menu.contains(event.target)) closeMenu();
  });

  document.addEventListener("click", (event) => {
    const control = event.target.closest?.("[data-demo]");
    if (!control || OPENS_ON_MOUSEDOWN.has(control.dataset.demo)) return;
    if (control.dataset.demoPress === "full" && !pressedFully(control, event)) return;
    act(control, event);
  });

  document.addEventListener("keydown", (event) => {
    const compose = event.target.closest?.("[data-demo-compose]");
    if (compose && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      sendNow(compose);
      return;
    }
    const control = event.target.closest?.("[role='button'][data-demo], [role='menuitem'][data-demo]");
    if (control && (event.key === "Enter" || event.key === " ")) act(control, event);
    if (event.key === "Escape") {
      closeMenu();
      $$(".demo-modal-backdrop").forEach((el) => el.remove());
    }
  });

  // ------------------------------------------------------------------ start

  if (params.get("popout") === "1" || params.get("view") === "cm") openPopout();
  if (params.get("reply") === "1") openReply();
  if (params.get("compose") === "1") openNewMessage();
})();
