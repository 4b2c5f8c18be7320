"""Every capture of the real Gmail and Outlook (../shared/webmail) read through the adapters' public interface.

Each page is loaded in Debian's Chromium from where it lies (never copied into the repository) beside the
extension's adapter modules; findComposes(document) and each compose's getters must return what the real
page shows: recipients per field, display names where Outlook shows no address, the subject, the client's
last message without the quoted history, and the Send control; and for the service path, the subject the
webmail would send, the account's address, the attachments, and whether a reply's thread ids can be read.
"""

from __future__ import annotations

import pytest

from support.adapters import CHROMIUM, open_markup, read_composes

STAGING = "Sam, we were promised the staging site last Friday and nobody has told us anything since.\nMark"
NOTHING = {"to": [], "cc": [], "bcc": []}
NOREPLY = {"isReply": False, "inReplyTo": None, "references": None}
# A reply whose thread ids the page does not show (Gmail's data-message-id is its own id, not the Message-ID):
# on the service path it would arrive as a new conversation, and the dialog says so.
UNREAD_REPLY = {"isReply": True, "inReplyTo": None, "references": None}

# capture: (site, expected compose or None) — what a person sees on that page.
EXPECTED = {
    "gmail-G1-2020-new-message-verbatim.html": ("gmail", {
        "recipients": [], "names": [], "subject": "", "thread": {"messages": 0, "incoming": ""},
        "send": "Send ‪(Ctrl-Enter)‬", "fields": NOTHING,
        "sendSubject": "", "from": None, "attachments": 0, "reply": NOREPLY}),
    "gmail-G2-2023-2026-new-message-assembled.html": ("gmail", {
        "recipients": ["heeloo@gmail.com"], "names": [], "subject": "", "thread": {"messages": 0, "incoming": ""},
        "send": "Send ‪(⌘Enter)‬", "fields": {"to": ["heeloo@gmail.com"], "cc": [], "bcc": []},
        "sendSubject": "", "from": "sam.carter.test@gmail.com", "attachments": 0, "reply": NOREPLY}),
    "gmail-G3-es-new-message-assembled.html": ("gmail", {
        "recipients": ["heeloo@gmail.com", "ana@acme.example"], "names": [], "subject": "",
        "thread": {"messages": 0, "incoming": ""}, "send": "Enviar (Ctrl-Enter)",
        "fields": {"to": ["heeloo@gmail.com"], "cc": ["ana@acme.example"], "bcc": []},
        "sendSubject": "", "from": "sam.carter.test@gmail.com", "attachments": 0, "reply": NOREPLY}),
    "gmail-G4-vi-compose-fragments-verbatim.html": ("gmail", {
        "recipients": [], "names": [], "subject": "", "thread": {"messages": 0, "incoming": ""},
        "send": "Gửi ‪(Ctrl-Enter)‬", "fields": NOTHING,
        "sendSubject": "", "from": None, "attachments": 0, "reply": NOREPLY}),
    "gmail-G5-thread-inline-reply-skeleton.html": ("gmail", {
        "recipients": ["mark@northwind.example"], "names": [], "subject": "Website launch date",
        "thread": {"messages": 1, "incoming": STAGING}, "send": "Send ‪(Ctrl-Enter)‬",
        "fields": {"to": ["mark@northwind.example"], "cc": [], "bcc": []},
        "sendSubject": "Re: Website launch date", "from": "sam.carter.test@gmail.com", "attachments": 0,
        "reply": UNREAD_REPLY}),
    "gmail-G6-schedule-send-menu-dialog-from-OutboxIQ.html": ("gmail", None),
    "outlook-O1-2025-2026-compose-assembled.html": ("outlook", {
        "recipients": [], "names": ["Ana Ruiz"], "subject": "Website launch date",
        "thread": {"messages": 0, "incoming": ""}, "send": "Send", "fields": NOTHING,
        "sendSubject": "Website launch date", "from": None, "attachments": 0, "reply": NOREPLY}),
    "outlook-O2-2022-2024-classic-compose-assembled.html": ("outlook", {
        "recipients": ["mark@northwind.example"], "names": [], "subject": "Website launch date",
        "thread": {"messages": 0, "incoming": ""}, "send": "Send",
        "fields": {"to": ["mark@northwind.example"], "cc": [], "bcc": []},
        "sendSubject": "Website launch date", "from": "sam@studio.example", "attachments": 0, "reply": NOREPLY}),
    "outlook-O3-reading-pane-inline-reply-assembled.html": ("outlook", {
        "recipients": ["mark@northwind.example"], "names": [], "subject": "Website launch date",
        "thread": {"messages": 1, "incoming": STAGING}, "send": "Send",
        "fields": {"to": ["mark@northwind.example"], "cc": [], "bcc": []},
        "sendSubject": "Re: Website launch date", "from": "sam@studio.example", "attachments": 0,
        "reply": UNREAD_REPLY}),
}


@pytest.fixture(scope="module")
def webmail(shared):
    """shared/webmail with every capture this gate knows, and no capture it does not."""
    folder = shared / "webmail"
    found = sorted(p.name for p in folder.glob("*.html"))
    assert found == sorted(EXPECTED), f"captures in {folder} changed: {found}; update EXPECTED with what each shows"
    return folder


@pytest.fixture(scope="module")
def chromium(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def tab(chromium):
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert not errors, errors


@pytest.mark.parametrize("capture", sorted(EXPECTED))
def test_capture_reads_right_through_the_public_interface(tab, webmail, capture):
    site, expected = EXPECTED[capture]
    open_markup(tab, webmail, capture)
    composes = read_composes(tab, site)
    if expected is None:
        assert composes == []
        return
    assert len(composes) == 1, composes
    got = composes[0]
    assert got["body"]["tag"] == "div"
    assert got["root"]["contains"] >= 1 and got["root"] != got["body"]
    assert got["recipients"] == expected["recipients"]
    assert got["names"] == expected["names"]
    assert {k: v["addresses"] for k, v in got["fields"].items()} == expected["fields"]
    assert got["subject"] == expected["subject"]
    assert got["thread"] == expected["thread"]
    assert got["send"] and got["send"]["label"] == expected["send"]
    # What the service path would send: the subject as the webmail would, the account's address, attachments.
    assert got["sendSubject"] == expected["sendSubject"]
    assert got["from"] == expected["from"]
    assert got["attachments"] == expected["attachments"]
    assert got["reply"] == expected["reply"]


def test_gmail_root_is_the_whole_composer_with_its_metadata_form(tab, webmail):
    """Body and toolbar in table.iN, fields and subject in the sibling form.bAs: the root holds all three."""
    open_markup(tab, webmail, "gmail-G2-2023-2026-new-message-assembled.html")
    held = tab.evaluate("""async () => {
        const gmail = await import('/extension/adapters/gmail.js');
        const [c] = gmail.findComposes(document);
        return {form: c.root.contains(document.querySelector('form.bAs')),
                subject: c.root.contains(document.querySelector('input[name=subjectbox]')),
                toolbar: c.root.contains(c.getSendButton()), body: c.root.contains(c.body),
                dialog: c.root.contains(document.querySelector('[role=dialog] h2'))};
    }""")
    assert held == {"form": True, "subject": True, "toolbar": True, "body": True, "dialog": False}


def test_gmail_schedule_send_steps_are_found_on_the_live_structure(tab, webmail):
    """G6: the menu item, the "Pick date & time" row, the two unlabeled boxes and the picker's own button."""
    open_markup(tab, webmail, "gmail-G6-schedule-send-menu-dialog-from-OutboxIQ.html")
    found = tab.evaluate("""async () => {
        const { schedule } = await import('/extension/adapters/gmail.js');
        const item = schedule.menuItem(document), pick = schedule.pickItem(document);
        const fields = schedule.fields(document);
        const confirm = fields && schedule.confirm(fields.date.closest('[role=dialog]'), document);
        return {item: item && item.getAttribute('selector'), pick: pick && pick.className,
                date: fields && fields.date.id, time: fields && fields.time.id,
                confirm: confirm && confirm.className};
    }""")
    assert found == {"item": "scheduledSend", "pick": "Az AM", "date": "c3", "time": "c4",
                     "confirm": "mUIrbf-I mUIrbf-I-ql-Uw eV8l8d"}


def test_gmail_schedule_menu_gets_the_full_pointer_sequence_with_coordinates(tab, webmail):
    """Gmail's menu items answer only pointerover…pointerdown→mousedown→pointerup→mouseup→click on the inner node."""
    open_markup(tab, webmail, "gmail-G6-schedule-send-menu-dialog-from-OutboxIQ.html")
    seen = tab.evaluate("""async () => {
        const { schedule } = await import('/extension/adapters/gmail.js');
        const { pressFully } = await import('/extension/adapters/dom.js');
        const item = schedule.menuItem(document);
        const events = [];
        for (const type of ['pointerover', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
            item.addEventListener(type, (e) => events.push({type, x: e.clientX, y: e.clientY,
                inner: e.target !== item && item.contains(e.target), trusted: e.isTrusted,
                pointer: e instanceof PointerEvent}));
        }
        pressFully(item);
        return events;
    }""")
    assert [e["type"] for e in seen] == ["pointerover", "pointerdown", "mousedown", "pointerup", "mouseup", "click"]
    assert all(e["x"] > 0 and e["y"] > 0 and e["inner"] for e in seen)
    assert [e["pointer"] for e in seen[:2]] == [True, True]


def test_gmail_picker_boxes_take_the_instant_in_their_own_shape(tab, webmail):
    """The unlabeled text boxes get "Dec 4, 2026" / "3:05 PM" as Gmail writes them, with input and change events."""
    open_markup(tab, webmail, "gmail-G6-schedule-send-menu-dialog-from-OutboxIQ.html")
    values = tab.evaluate("""async () => {
        const { schedule } = await import('/extension/adapters/gmail.js');
        const dom = await import('/extension/adapters/dom.js');
        const { date, time } = schedule.fields(document);
        const events = [];
        date.addEventListener('change', () => events.push('date'));
        time.addEventListener('input', () => events.push('time'));
        const when = new Date(2026, 11, 4, 15, 5);
        dom.setFieldValue(date, dom.formatDateField(when, date.type, 'en'));
        dom.setFieldValue(time, dom.formatTimeField(when, time.type, 'en'));
        return {date: date.value, time: time.value, events};
    }""")
    assert values == {"date": "Dec 4, 2026", "time": "3:05 PM", "events": ["date", "time"]}
