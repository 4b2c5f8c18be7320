"""The service path, against a real `tactful serve --demo` whose mail server is a real aiosmtpd (smtp+plain):
offered beside the webmail's Schedule send, it holds a complete message (To, Cc and Bcc apart, From, HTML and
text); Tactful's notice confirms it and Undo cancels and puts the draft back; a compose with an attachment is
refused there and the webmail path offered; a reply whose thread ids cannot be read says it arrives as a new
conversation. Screenshots of the dialog and the notice in English, Spanish and Polish."""

from __future__ import annotations

import pytest
from harness import (
    BODY,
    DIALOG,
    NOTICE,
    SCREENSHOTS,
    SEND,
    DemoService,
    configure,
    default_settings_for,
    demo_log,
    hours_not_today,
    instant,
    launch_browser,
    notice_text,
    open_demo,
    outbox,
    poll,
    read_adapter,
    reset,
    wait_analysed,
)
from support.smtp import SMTPServer

ZONE = "Asia/Tokyo"
KENJI = "kenji@sato.example"


@pytest.fixture(scope="module")
def smtp_server():
    """A real SMTP server the service delivers to (nothing reaches it while a message waits for its window)."""
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mail_service(tmp_path_factory, smtp_server):
    """`tactful serve --demo` with TACTFUL_SMTP_URL: its sender verifies the server at start (no message sent)."""
    svc = DemoService(tmp_path_factory.mktemp("tactful-smtp-home"), env={"TACTFUL_SMTP_URL": smtp_server.url}).start()
    assert poll(lambda: svc.api("GET", "/v1/me")["delivery"]["service_path"], timeout_s=30), \
        svc.api("GET", "/v1/me")["delivery"]
    yield svc
    svc.stop()


@pytest.fixture
def mail(mail_service, settings):
    """The extension pointed at the service with a mail server; a client whose window is days away."""
    reset(mail_service)
    settings(serviceUrl=mail_service.url)
    client = night_client(mail_service)
    yield mail_service, client
    reset(mail_service)


def night_client(svc) -> dict:
    return svc.api("POST", "/v1/clients", {"name": "Kenji Sato", "emails": [KENJI], "language": "en",
                                           "formality": "formal", "contact_hours": hours_not_today(ZONE)})


def scheduled(svc) -> list[dict]:
    return svc.api("GET", "/v1/scheduled?status=scheduled")["scheduled"]


def new_message(page, svc, site: str, to: str, subject: str, *, cc: str = "", bcc: str = "") -> None:
    """Open a new message, fill To (Cc, Bcc) and the subject, and put the caret in the body."""
    open_demo(page, svc, site, compose=1)
    page.keyboard.type(to)
    page.keyboard.press("Enter")
    for kind, address in (("cc", cc), ("bcc", bcc)):
        if not address:
            continue
        show = page.locator(f'[data-demo-compose] [data-demo="show"][data-row="{kind}"]')
        if show.count() and show.is_visible():
            show.click()
        field = page.locator(f'[data-demo-compose] [data-demo-row="{kind}"] [data-demo-field]')
        field.click()
        page.keyboard.type(address)
        page.keyboard.press("Enter")
    page.locator('[data-demo-compose] [data-demo-row="subject"] input').fill(subject)
    page.locator(BODY).click()


def attach(page, path):
    """Attach a small PDF through the compose's own paper-clip and file chooser; returns its path."""
    path.write_bytes(b"%PDF-1.4 demo\n" * 400)
    with page.expect_file_chooser() as chooser:
        page.locator('[data-demo-compose] [data-demo="attach"]').click()
    chooser.value.set_files(str(path))
    page.locator('[data-demo-compose] [data-demo="attachment-name"]').wait_for(state="attached")
    return path


def hold(page) -> None:
    """Wait for the analysis of the draft as it is, press Send, wait for Tactful's dialog."""
    wait_analysed(page)
    page.locator(SEND).click()
    page.locator(DIALOG).wait_for(state="visible")


def paths(page) -> list[str]:
    return [b.get_attribute("data-path") for b in page.locator(f'{DIALOG} [data-action="schedule"]').all()]


def test_the_service_path_holds_a_complete_message_and_undo_puts_the_draft_back(page, mail, smtp_server, shot):
    svc, client = mail
    new_message(page, svc, "gmail", KENJI, "Signed contract", cc="aiko@sato.example", bcc="archive@studio.example")
    page.keyboard.type("Hello Kenji, ")
    page.keyboard.press("Control+b")
    page.keyboard.type("the signed contract")
    page.keyboard.press("Control+b")
    page.keyboard.type(" is ready. Kind regards, Sam")
    hold(page)
    assert paths(page) == ["webmail", "service"], "the webmail's Schedule send stays the default"
    assert page.locator(f'{DIALOG} [data-path="webmail"]').get_attribute("class") == "primary"
    page.locator(f'{DIALOG} [data-path="service"]').click()
    page.locator(NOTICE).wait_for(state="visible")
    [record] = scheduled(svc)
    assert record["via"] == "smtp"
    assert (record["to"], record["cc"], record["bcc"]) == ([KENJI], ["aiko@sato.example"], ["archive@studio.example"])
    assert record["from"] == "sam@studio.example", "From is the account's address, read from the compose"
    assert record["subject"] == "Signed contract"
    assert "<b>the signed contract</b>" in record["html"], record["html"]
    assert record["text"].startswith("Hello Kenji, the signed contract is ready.")
    assert record["in_reply_to"] is None and client["id"] in record["client_ids"]
    assert instant(record["send_at"]) == instant(svc.api("POST", "/v1/timing", {"client_id": client["id"]})["send_at"])
    assert {"type": "discarded", "kind": "new"} in demo_log(page), "discarded only once the service held it"
    assert outbox(page) == []
    text = notice_text(page)
    assert "Scheduled for" in text and "(local time of Kenji Sato)" in text and "yours" in text, text
    assert "Tactful holds it and delivers it then" in text
    shot("notice-gmail-service")
    page.locator(f'{NOTICE} [data-action="notice-undo"]').click()
    assert poll(lambda: "Cancelled" in notice_text(page)), notice_text(page)
    assert "the draft is back in a new message." in notice_text(page)
    assert svc.api("GET", f"/v1/scheduled/{record['id']}")["status"] == "cancelled"
    [back] = read_adapter(page, "gmail")
    assert back["fields"] == {"to": [KENJI], "cc": ["aiko@sato.example"], "bcc": ["archive@studio.example"]}
    assert back["subject"] == "Signed contract"
    # As written: the browser typed the space after the bold words as a no-break space, and it comes back so.
    assert page.locator(BODY).inner_text().replace("\xa0", " ").startswith("Hello Kenji, the signed contract is ready.")
    assert page.locator(f"{BODY} b").first.inner_text() == "the signed contract", "the formatting came back too"
    wait_analysed(page)
    shot("notice-gmail-service-undone")
    assert smtp_server.handler.received == [], "nothing was delivered"


def test_with_the_service_preferred_it_comes_first(page, mail, settings):
    svc, _ = mail
    settings(schedulePath="service", version=2)
    new_message(page, svc, "gmail", KENJI, "Plan")
    page.keyboard.type("Hello Kenji, the plan is attached.")
    hold(page)
    assert paths(page) == ["service", "webmail"]
    assert page.locator(f'{DIALOG} [data-path="service"]').get_attribute("class") == "primary"


def test_a_compose_with_an_attachment_is_refused_on_the_service_path_and_the_webmail_path_offered(
        page, mail, tmp_path, shot):
    svc, client = mail
    new_message(page, svc, "gmail", KENJI, "Quote")
    page.keyboard.type("Hello Kenji, the quote is attached.")
    quote = attach(page, tmp_path / "quote-2026.pdf")
    assert page.locator('[data-demo-compose] input[name="attach"]').count() == 1, "Gmail's own attachment field"
    hold(page)
    page.locator(f'{DIALOG} [data-path="service"]').click()
    error = page.locator(f'{DIALOG} [role="alert"]')
    error.wait_for(state="visible")
    assert "attachments (1)" in error.inner_text() and "nothing was discarded" in error.inner_text()
    assert paths(page) == ["webmail"], "the refused path is gone"
    focused = page.locator(DIALOG).evaluate("(d) => d.getRootNode().activeElement?.dataset.path")
    assert focused == "webmail"
    assert scheduled(svc) == []
    assert page.locator(BODY).is_visible() and not [e for e in demo_log(page) if e["type"] == "discarded"]
    shot("send-dialog-attachment-refused")
    page.locator(f'{DIALOG} [data-path="webmail"]').click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    [entry] = outbox(page)
    assert entry["kind"] == "scheduled" and entry["attachments"] == ["quote-2026.pdf"]
    [record] = poll(lambda: scheduled(svc))
    assert record["via"] == "webmail" and client["id"] in record["client_ids"]
    assert not [e for e in demo_log(page) if e["type"] == "discarded"]


def test_a_reply_whose_thread_ids_cannot_be_read_says_it_arrives_as_a_new_conversation(page, mail):
    """Gmail shows no RFC Message-IDs: Tactful says so and lets the user choose; the webmail path keeps the thread."""
    svc, _ = mail
    open_demo(page, svc, "gmail", reply=1, to=KENJI)
    page.keyboard.type("Hello Kenji, the revised quote is attached.")
    hold(page)
    note = page.locator(f'{DIALOG} [data-tactful="new-conversation"]')
    assert "arrives as a new conversation" in note.inner_text()
    assert "Gmail's own Schedule send keeps it in the conversation" in note.inner_text()
    service = page.locator(f'{DIALOG} [data-path="service"]')
    assert service.inner_text() == "Let Tactful deliver it, as a new conversation"
    service.click()
    page.locator(NOTICE).wait_for(state="visible")
    [record] = scheduled(svc)
    assert record["subject"] == "Re: Revised quote for the Lisbon office fit-out"
    assert record["in_reply_to"] is None and record["references"] is None
    assert record["text"].startswith("Hello Kenji, the revised quote is attached.")


def test_outlook_shows_names_only_so_the_service_path_is_not_offered(page, mail):
    """A recipient shown without an address (Outlook's pill "Mark Evans") would be dropped by the service: only
    Outlook's own Schedule send is offered."""
    svc, _ = mail
    svc.api("POST", "/v1/clients", {"name": "Northwind Traders", "contacts": [{"name": "Mark Evans"}],
                                    "language": "en", "contact_hours": hours_not_today(ZONE)})
    open_demo(page, svc, "outlook", reply=1, to="mark@northwind.example")
    page.keyboard.type("Hello Mark, the staging site is ready for review.")
    hold(page)
    assert [f["names"] for f in [read_adapter(page, "outlook")[0]]] == [["Mark Evans"]]
    assert paths(page) == ["webmail"]


@pytest.mark.parametrize("locale, site, subject, draft", [
    ("es-ES", "gmail-es", "Contrato firmado", "Hola Kenji, le envío el contrato firmado. Un saludo, María"),
    ("pl-PL", "outlook-pl", "Podpisana umowa", "Dzień dobry, przesyłam podpisaną umowę. Pozdrawiam, Katarzyna"),
])
def test_the_dialog_and_the_notice_speak_the_users_language(playwright, mail_service, tmp_path, locale, site,
                                                             subject, draft):
    """Spanish and Polish browsers: the dialog's paths, Tactful's notice and its Undo (screenshots to look at)."""
    reset(mail_service)
    night_client(mail_service)
    lang = locale[:2]
    context, worker = launch_browser(playwright, tmp_path / "profile", locale=locale)
    try:
        configure(worker, **default_settings_for(mail_service))
        page = context.new_page()
        page.set_default_timeout(10_000)
        new_message(page, mail_service, site, KENJI, subject)
        page.keyboard.type(draft)
        hold(page)
        assert paths(page) == ["webmail", "service"]
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"send-dialog-service-{lang}.png"))
        page.locator(f'{DIALOG} [data-path="service"]').click()
        page.locator(NOTICE).wait_for(state="visible")
        expected = {"es": ("Programado para", "(hora local de Kenji Sato)", "Deshacer"),
                    "pl": ("Zaplanowano na", "(czas lokalny klienta „Kenji Sato”)", "Cofnij")}[lang]
        text = notice_text(page)
        assert expected[0] in text and expected[1] in text, text
        assert page.locator(f'{NOTICE} [data-action="notice-undo"]').inner_text() == expected[2]
        page.screenshot(path=str(SCREENSHOTS / f"notice-service-{lang}.png"))
        page.locator(f'{NOTICE} [data-action="notice-undo"]').click()
        assert poll(lambda: ("Cancelado" if lang == "es" else "Anulowano") in notice_text(page)), notice_text(page)
        [back] = read_adapter(page, "gmail" if site.startswith("gmail") else "outlook")
        assert back["fields"]["to"] == [KENJI] and back["subject"] == subject
        wait_analysed(page)
        page.screenshot(path=str(SCREENSHOTS / f"notice-undone-{lang}.png"))
        mine = [m for m in mail_service.api("GET", "/v1/scheduled")["scheduled"] if m["subject"] == subject]
        assert [(m["via"], m["status"]) for m in mine] == [("smtp", "cancelled")]
        refuse_attachment_then_schedule_in_webmail(page, mail_service, site, lang, tmp_path)
    finally:
        context.close()
        reset(mail_service)


WEBMAIL_WORDS = {
    "es": ("archivos adjuntos (1)", "no se ha descartado nada", "Gmail lo guarda hasta entonces.", "Deshacer"),
    "pl": ("załączniki (1)", "nic nie zostało odrzucone", "Do tego czasu wiadomość czeka w poczcie Outlook.", None),
}


def refuse_attachment_then_schedule_in_webmail(page, svc, site: str, lang: str, tmp_path) -> None:
    """The draft put back by Undo gains an attachment: the service path refuses it, naming it, in the user's
    language, and the webmail's own Schedule send takes it, with Tactful's notice (Gmail's Undo; Outlook's hint)."""
    quote = attach(page, tmp_path / "oferta-2026.pdf")
    page.locator(BODY).click()
    hold(page)
    page.locator(f'{DIALOG} [data-path="service"]').click()
    error = page.locator(f'{DIALOG} [role="alert"]')
    error.wait_for(state="visible")
    refused, kept, held, undo = WEBMAIL_WORDS[lang]
    assert refused in error.inner_text() and kept in error.inner_text(), error.inner_text()
    assert paths(page) == ["webmail"]
    page.screenshot(path=str(SCREENSHOTS / f"send-dialog-attachment-refused-{lang}.png"))
    page.locator(f'{DIALOG} [data-path="webmail"]').click()
    assert poll(lambda: held in notice_text(page)), notice_text(page)  # the new notice replaces the Undo's
    button = page.locator(f'{NOTICE} [data-action="notice-undo"]')
    assert (button.inner_text() if undo else button.count()) == (undo or 0)
    page.screenshot(path=str(SCREENSHOTS / f"notice-webmail-{lang}.png"))
    assert [e["kind"] for e in outbox(page)] == ["scheduled"] and outbox(page)[0]["attachments"] == [quote.name]
    assert len([e for e in demo_log(page) if e["type"] == "discarded"]) == 1, "only the service path discarded"


def test_with_a_verified_mail_server_options_offer_the_service_path(page, mail):
    from harness import EXTENSION_ID

    page.goto(f"chrome-extension://{EXTENSION_ID}/options/options.html")
    box = page.locator('#delivery[data-state="ok"]')
    box.wait_for()
    assert "can deliver messages itself" in box.inner_text()
    assert "Messages are delivered through SMTP 127.0.0.1" in box.inner_text()
    service = page.locator('input[name="schedulePath"][value="service"]')
    assert service.is_enabled() and not service.is_checked()
    service.check()
    page.locator("#prefs-result.ok").wait_for()


def test_a_reply_keeps_its_conversation_when_the_page_shows_the_thread_ids(page, mail):
    """Where a page shows the messages' RFC 5322 ids, the service path sends In-Reply-To and References and says
    nothing about a new conversation. (Gmail and Outlook show none today: the ids are put on the demo thread here.)"""
    svc, _ = mail
    open_demo(page, svc, "gmail", reply=1, to=KENJI)
    ids = page.evaluate("""() => [...document.querySelectorAll('.gm-thread [data-message-id]')].map((m, i) => {
        m.setAttribute('data-message-id', `<thread-${i + 1}@acme.example>`);
        return m.getAttribute('data-message-id'); })""")
    assert len(ids) == 3
    [got] = read_adapter(page, "gmail")
    assert got["reply"] == {"isReply": True, "inReplyTo": ids[-1], "references": " ".join(ids)}
    page.locator(BODY).click()
    page.keyboard.type("Hello Kenji, the revised quote is attached.")
    hold(page)
    assert page.locator(f'{DIALOG} [data-tactful="new-conversation"]').count() == 0
    assert page.locator(f'{DIALOG} [data-path="service"]').inner_text() == "Let Tactful deliver it"
    page.locator(f'{DIALOG} [data-path="service"]').click()
    page.locator(NOTICE).wait_for(state="visible")
    [record] = scheduled(svc)
    assert record["in_reply_to"] == ids[-1] and record["references"] == " ".join(ids)
