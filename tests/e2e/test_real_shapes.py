"""The demo pages built like the real Gmail and Outlook (metadata form beside the body's table, name-only Outlook
pills, reading-pane documents with x_ quotes): what the adapters read there, the client picker when nothing
matches, Outlook names matched through a contact, the redacted structure report, underlines that follow the card.
"""

from __future__ import annotations

import re

import pytest
from harness import (
    BODY,
    EXTENSION,
    EXTENSION_ID,
    configure,
    default_settings_for,
    launch_browser,
    open_demo,
    phrase_box,
    read_adapter,
    underlines,
    wait_analysed,
)

CARD = '[data-tactful="card"]'
PANEL = '[data-tactful="panel"]'


def panel_text(page) -> str:
    """Everything the panel shows (it lives in a shadow root)."""
    return page.locator(f"{PANEL} section").first.inner_text()


def wait_card(page, client_id: str):
    card = page.locator(f'{CARD}[data-client="{client_id}"]')
    card.wait_for(state="visible")
    return card


def test_gmail_new_message_reads_to_and_cc_apart_and_the_subject(page, service, make_client, shot):
    acme = make_client(name="Acme", emails=["ana@acme.example"], language="en")
    open_demo(page, service, "gmail", compose=1)
    page.keyboard.type("ana@acme.example")
    page.keyboard.press("Enter")
    page.locator('[data-demo-compose] [data-demo="show"][data-row="cc"]').click()
    page.locator('[data-demo-compose] [data-demo-row="cc"] input').fill("bo@partner.example")
    page.keyboard.press("Enter")
    page.locator('[data-demo-compose] input[name="subjectbox"]').fill("Fit-out plan")
    page.locator(BODY).click()
    page.keyboard.type("Hi Ana, the plan is attached.")
    wait_analysed(page)
    [got] = read_adapter(page, "gmail")
    assert got["fields"] == {"to": ["ana@acme.example"], "cc": ["bo@partner.example"], "bcc": []}
    assert got["recipients"] == ["ana@acme.example", "bo@partner.example"] and got["names"] == []
    assert got["subject"] == "Fit-out plan" and got["thread"] == {"messages": 0, "incoming": ""}
    wait_card(page, acme["id"])
    shot("real-gmail-new-message")


def test_gmail_inline_reply_reads_the_recipient_subject_and_clients_last_words(page, service):
    open_demo(page, service, "gmail", reply=1)
    [got] = read_adapter(page, "gmail")
    assert got["recipients"] == ["ana@acme.example"]
    assert got["subject"] == "Revised quote for the Lisbon office fit-out"
    assert got["thread"]["messages"] == 3
    assert got["thread"]["incoming"].startswith("Sam,\nIt is Thursday and I STILL don't have the quote.")


def test_what_the_service_path_would_send_is_read_from_the_compose(page, service, tmp_path):
    """Gmail's reply: the subject Gmail would send, the account's address from the compose's From field, no thread
    ids on the page; Outlook's new message: the address from the account control, an attachment card counted."""
    open_demo(page, service, "gmail", reply=1)
    [got] = read_adapter(page, "gmail")
    assert got["sendSubject"] == "Re: Revised quote for the Lisbon office fit-out"
    assert got["from"] == "sam@studio.example" and got["attachments"] == 0
    assert got["reply"] == {"isReply": True, "inReplyTo": None, "references": None}
    open_demo(page, service, "outlook", compose=1)
    report = tmp_path / "report.docx"
    report.write_bytes(b"PK demo" * 100)
    with page.expect_file_chooser() as chooser:
        page.locator('[data-demo-compose] [data-demo="attach"]').click()
    chooser.value.set_files(str(report))
    page.locator('[data-demo-compose] [role="option"][aria-label^="report.docx"]').wait_for()
    [got] = read_adapter(page, "outlook")
    assert got["attachments"] == 1 and got["from"] == "sam@studio.example"
    assert got["reply"]["isReply"] is False


def test_outlook_new_message_reads_a_typed_address_and_the_subject(page, service):
    open_demo(page, service, "outlook", compose=1)
    page.keyboard.type("lena@berg.example")
    page.keyboard.press("Enter")
    page.locator('[data-demo-compose] input[aria-label="Subject"]').fill("Launch checklist")
    [got] = read_adapter(page, "outlook")
    assert got["recipients"] == ["lena@berg.example"] and got["names"] == []
    assert got["subject"] == "Launch checklist" and got["send"]


def test_outlook_reply_to_a_name_only_pill_matches_the_client_through_a_contact(page, service, make_client, shot):
    northwind = make_client(name="Northwind Traders", domains=["northwind.example"], language="en",
                            formality="formal", contacts=[{"name": "Mark Evans"}])
    open_demo(page, service, "outlook", reply=1)
    [got] = read_adapter(page, "outlook")
    assert got["recipients"] == [] and got["names"] == ["Mark Evans"], got
    assert got["subject"] == "Website launch date"
    assert got["thread"]["messages"] == 3
    assert got["thread"]["incoming"] == ("Sam,\nWe were promised the staging site last Friday and nobody has told us "
                                         "anything since.\nI expect a call with your manager tomorrow morning.\nMark")
    page.keyboard.type("Hello Mark, the staging site is ready for review.")
    wait_analysed(page)
    wait_card(page, northwind["id"])
    assert "Northwind Traders" in panel_text(page) and "Who is this for?" not in panel_text(page)
    shot("real-outlook-name-matched")


def pick_client(page, client_name: str, remember: bool) -> None:
    """Open "Who is this for?", choose the client, (not) remember, apply."""
    page.locator('[data-action="who-open"]').click()
    page.locator('[data-tactful="who-select"]').select_option(label=client_name)
    if remember:
        page.locator('[data-tactful="who-remember"]').check()
    page.locator('[data-action="who-apply"]').click()


def write_new(page, service, site: str, to: str, text: str) -> None:
    """A new message on the demo page: type the recipient, Enter, then the body; wait for its analysis."""
    open_demo(page, service, site, compose=1)
    page.keyboard.type(to)
    page.keyboard.press("Enter")
    page.locator(BODY).click()
    page.keyboard.type(text)
    wait_analysed(page)


def test_no_match_says_so_and_the_picker_sets_and_remembers_the_client(page, service, make_client, shot):
    bo = make_client(name="Bo Li Studio", language="en", formality="informal")
    write_new(page, service, "gmail", "bo.li@gmail.com", "Hi Bo, the sketches are attached.")
    who = page.locator('[data-tactful="who"]')
    who.wait_for(state="visible")
    assert "None of your clients matches bo.li@gmail.com." in who.inner_text()
    assert page.locator(CARD).count() == 0
    shot("picker-no-match")
    pick_client(page, "Bo Li Studio", remember=True)
    wait_card(page, bo["id"])
    assert "Writing to Bo Li Studio (your choice)." in who.inner_text()
    shot("picker-chosen")
    choices = service.api("GET", "/v1/recipient-choices")["recipient_choices"]
    assert [(c["recipient"], c["client_id"]) for c in choices] == [("bo.li@gmail.com", bo["id"])]
    # The next message to the same address matches at once, with no picker.
    write_new(page, service, "gmail", "bo.li@gmail.com", "Hi again.")
    wait_card(page, bo["id"])
    for choice in choices:
        service.api("DELETE", f"/v1/recipient-choices/{choice['id']}")


def test_a_compose_without_recipients_says_it_cannot_see_them(page, service, make_client):
    make_client(name="Acme")
    open_demo(page, service, "outlook", compose=1)
    page.locator(BODY).click()
    page.keyboard.type("Hello, a quick question about the invoice.")
    wait_analysed(page)
    who = page.locator('[data-tactful="who"]')
    who.wait_for(state="visible")
    assert "Tactful can't see who this message is to" in who.inner_text()
    assert page.locator('[data-action="who-open"]').is_visible()


def test_the_structure_report_holds_the_skeleton_and_no_text_no_address(browser, page, service, make_client):
    make_client(name="Acme", emails=["ana@acme.example"])
    secret = "Confidential fee: 4,200 euros, do not forward"
    open_demo(page, service, "gmail", reply=1)
    page.keyboard.type(secret)
    wait_analysed(page)
    context, _ = browser
    popup = context.new_page()
    try:
        popup.goto(f"chrome-extension://{EXTENSION_ID}/popup/popup.html")
        popup.locator("#report").click()
        box = popup.locator("#report-text")
        box.wait_for(state="visible")
        report = box.input_value()
        result = popup.locator("#report-result").inner_text()
    finally:
        popup.close()
    assert result.startswith("Copied") or "did not allow copying" in result
    assert "Tactful page structure report" in report and "<== compose root" in report and "<== body" in report
    assert 'form.bAs' in report and "table.iN" in report and 'name="to"' in report and 'name="subjectbox"' in report
    assert '"getRecipients": "1 found"' in report and '"getSubject": "43 characters"' in report
    assert re.search(r'div\.afV\S* \[role="option", attributes: .*data-hovercard-id data-name', report)
    assert 'span.gD [attributes: email data-hovercard-id]' in report, "a sender's name attribute is a person"
    assert "@" not in report, [line for line in report.splitlines() if "@" in line][:5]
    for private in (secret, "Confidential", "4,200", "Ana Ruiz", "Sam Carter", "Lisbon", "STILL", "quote for"):
        assert private not in report, private


def test_underlines_stay_on_their_words_when_the_card_opens_and_closes(page, service, make_client, shot):
    client = make_client(name="Ana Ruiz", emails=["ana@acme.example"], language="es", formality="formal",
                         notes="Prefiere llamadas por la mañana.\nFactura a finanzas.\nNunca los viernes.",
                         channels={"formal": "email", "quick": "whatsapp", "conflict": "call"})
    phrase = "Como ya te dije"
    open_demo(page, service, "gmail-es", reply=1, to="ana@acme.example")
    page.keyboard.type(f"{phrase}, el informe estará listo el viernes.")
    wait_analysed(page)
    card = wait_card(page, client["id"])

    def mark_on_phrase():
        page.wait_for_timeout(150)  # a layout change is followed on the next animation frame
        [mark] = [u for u in underlines(page) if u["rule"].startswith("es.passive_aggressive.")]
        box = phrase_box(page, phrase)
        assert all(abs(mark[s] - box[s]) <= 1.5 for s in ("left", "top", "right", "bottom")), (mark, box)
        return box

    closed = mark_on_phrase()
    card.locator("summary").first.click()
    opened = mark_on_phrase()
    assert opened["top"] > closed["top"] + 20, "opening the card moves the draft down"
    page.evaluate("(s) => document.querySelector(s).scrollIntoView({block: 'center'})", BODY)
    opened = mark_on_phrase()  # scrolled: still on the words
    page.mouse.move(10, 10)
    page.mouse.move((opened["left"] + opened["right"]) / 2, (opened["top"] + opened["bottom"]) / 2, steps=3)
    page.locator('[data-tactful="tooltip"]').wait_for(state="visible")  # hover still finds the moved words
    shot("underline-after-card-open")
    card.locator("summary").first.click()
    mark_on_phrase()


@pytest.mark.parametrize("locale, page_name, expected", [
    ("es-ES", "gmail-es", "¿Para quién es?"), ("pl-PL", "outlook-pl", "Do kogo to jest?")])
def test_the_picker_speaks_the_users_language(playwright, service, tmp_path, make_client, locale, page_name,
                                              expected):
    """The panel's "Who is this for?" in Spanish and Polish browsers (screenshots for looking at)."""
    from harness import SCREENSHOTS

    make_client(name="Kowalski Sp. z o.o.")
    context, worker = launch_browser(playwright, tmp_path / "profile", locale=locale, extension=EXTENSION)
    try:
        configure(worker, **default_settings_for(service))
        page = context.new_page()
        spanish = locale.startswith("es")
        write_new(page, service, page_name, "nadie@ejemplo.example" if spanish else "ktos@przyklad.example",
                  "Buenos días." if spanish else "Dzień dobry.")
        ask = page.locator('[data-action="who-open"]')
        ask.wait_for(state="visible")
        assert ask.inner_text() == expected
        ask.click()
        page.locator('[data-tactful="who-select"]').wait_for(state="visible")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"picker-{locale[:2]}.png"))
        assert re.search(r"Recordar para|Zapamiętaj dla", panel_text(page))
    finally:
        context.close()
