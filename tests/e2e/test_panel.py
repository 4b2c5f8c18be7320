"""The compose panel: the client's etiquette card, the offline notice, the call suggestion."""

from __future__ import annotations

import pytest
from harness import (
    BODY,
    DIALOG,
    SEND,
    free_port,
    hours_always,
    hours_not_today,
    open_demo,
    outbox,
    underlines,
    wait_analysed,
)

CARD = '[data-tactful="card"]'
QUOTE_HEADER = "On Thu, 6 Nov 2026"


@pytest.mark.parametrize("reachable", [True, False], ids=["inside-hours", "outside-hours"])
def test_etiquette_card_shows_the_matched_client(page, service, make_client, shot, reachable):
    """Name, channels, register and whether now is inside their hours, for the client the reply goes to."""
    zone = "America/Sao_Paulo"
    client = make_client(name="Beatriz Costa", emails=["beatriz@costa.example"], language="en", formality="formal",
                         contact_hours=hours_always(zone) if reachable else hours_not_today(zone),
                         channels={"formal": "email", "quick": "whatsapp", "conflict": "call"})
    open_demo(page, service, "gmail", reply=1, to=client["emails"][0])
    page.keyboard.type("Hello Beatriz, the revised quote is attached.")
    wait_analysed(page)
    card = page.locator(CARD)
    card.wait_for(state="visible")
    assert card.get_attribute("data-client") == client["id"]
    card.locator("summary").first.click()  # cards are compact: open it to show every row
    text = card.inner_text()
    assert "Beatriz Costa" in text
    assert "formal matters → email" in text and "quick questions → whatsapp" in text and "conflict → call" in text
    assert "Register" in text and "formal" in text
    assert zone in text
    if reachable:
        assert "within contact hours" in text and "outside contact hours" not in text
    else:
        assert "outside contact hours" in text and "Next window" in text
    card.scroll_into_view_if_needed()
    shot(f"card-{'inside' if reachable else 'outside'}")


def test_service_down_shows_the_offline_notice_and_send_still_works(page, service, settings, shot):
    """Nobody listening at the service address: a notice in the panel, and Send goes out as usual."""
    settings(serviceUrl=f"http://127.0.0.1:{free_port()}")
    open_demo(page, service, "gmail", reply=1)
    draft = "Hi Ana, the quote is on its way."
    page.keyboard.type(draft)
    notice = page.locator('[data-tactful="offline"]')
    notice.wait_for(state="visible")
    assert "tactful serve" in notice.inner_text()
    shot("panel-offline")
    page.locator(SEND).click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    entries = outbox(page)
    assert [e["kind"] for e in entries] == ["sent"]
    assert entries[0]["text"].startswith(draft)
    assert page.locator(DIALOG).count() == 0


def test_call_suggestion_for_an_angry_thread_inserts_the_invitation(page, service, shot):
    """The client's angry message suggests a call; "Insert call invitation" in the dialog puts it above the draft."""
    open_demo(page, service, "gmail", reply=1)
    draft = "Hi Ana, I understand your frustration and I am sorry for the delay."
    page.keyboard.type(draft)
    wait_analysed(page)
    call = page.locator('[data-tactful="call"]')
    call.wait_for(state="visible")
    assert call.locator('[data-action="insert-invitation"]').is_visible()
    assert call.get_attribute("data-strength") == "recommend"
    shot("panel-call")
    incoming = page.locator('[data-demo="quoted-message"] .a3s').inner_text()
    expected = service.api("POST", "/v1/analyze", {
        "text": draft, "lang": "auto", "recipients": ["ana@acme.example"],
        "thread": {"messages": 3, "incoming": incoming}})["suggest_call"]
    assert expected["suggested"] and expected["invitation"]
    page.locator(SEND).click()
    page.locator(DIALOG).wait_for(state="visible")
    shot("send-dialog-call")
    page.locator(f'{DIALOG} [data-action="insert-invitation"]').click()
    page.locator(DIALOG).wait_for(state="detached")
    text = page.locator(BODY).inner_text()
    own = text[:text.index(QUOTE_HEADER)]
    assert own.startswith(expected["invitation"]), own
    assert draft in own[len(expected["invitation"]):]
    assert outbox(page) == []


def test_a_call_to_consider_is_shown_in_the_panel_and_never_holds_send(page, service, make_client, shot):
    """suggest_call.strength "consider": the panel shows it (with the invitation), and Send goes out at once."""
    client = make_client(name="Ana Ruiz", emails=["ana@acme.example"], language="en", formality="formal",
                         contact_hours=hours_always("Europe/Madrid"))
    text = "Hi Ana, the payment is two weeks late now. Please let me know when it will be made."
    expected = service.api("POST", "/v1/analyze", {"text": text, "lang": "auto", "recipients": client["emails"],
                                                   "learned": "wait"})["suggest_call"]
    assert expected["suggested"] and expected["strength"] == "consider", expected
    open_demo(page, service, "gmail", compose=1)
    page.keyboard.type(client["emails"][0])
    page.keyboard.press("Enter")
    page.locator('[data-demo-compose] input[name="subjectbox"]').fill("Invoice 2026-14")
    page.locator(BODY).click()
    page.keyboard.type(text)
    wait_analysed(page)
    call = page.locator('[data-tactful="call"]')
    call.wait_for(state="visible")
    assert call.get_attribute("data-strength") == "consider"
    assert "might help" in call.inner_text() and call.locator('[data-action="insert-invitation"]').is_visible()
    shot("panel-call-consider")
    page.locator(SEND).click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    assert [e["kind"] for e in outbox(page)] == ["sent"]
    assert page.locator(DIALOG).count() == 0


LOCALISED = {
    "es": {"locale": "es-ES", "reply": "gmail-es", "rule": "es.passive_aggressive.",
           "draft": "Como ya te dije, el informe final estará listo el viernes por la tarde.",
           "heading": "Consejo", "subject": "Factura 2026-14", "client": ("Ana Ruiz", "ana@acme.example", "Europe/Madrid", "Ana Ruiz"),
           "consider": "Hola Ana, el pago lleva ya dos semanas de retraso. Por favor, indíqueme cuándo se realizará.",
           "title": "Una llamada breve podría ayudar"},
    "pl": {"locale": "pl-PL", "reply": "outlook-pl", "rule": "pl.passive_aggressive.",
           "draft": "Jak już pisałem, raport końcowy będzie gotowy w piątek po południu.",
           "heading": "Wskazówka", "subject": "Faktura 2026-14", "client": ("Klient Sp. z o.o.", "jan.kowalski@klient.example", "Europe/Warsaw", "Jan Kowalski"),
           "consider": "Dzień dobry, termin minął tydzień temu. Proszę o informację, kiedy otrzymam pliki.",
           "title": "Krótka rozmowa może tu pomóc"},
}


@pytest.mark.parametrize("lang", ["es", "pl"])
def test_advice_and_a_call_to_consider_speak_the_users_language(playwright, service, make_client, tmp_path, lang):
    """Spanish and Polish browsers: the tooltip's advice beside its calmer wording, and a call to consider in the
    panel that lets Send go (screenshots to look at; the English ones come from the tests above)."""
    from harness import SCREENSHOTS, configure, default_settings_for, launch_browser

    case = LOCALISED[lang]
    name, address, zone, contact = case["client"]
    # Outlook shows the recipient as a name-only pill: the client's contact of that name matches it.
    make_client(name=name, emails=[address], contacts=[{"name": contact, "email": address}], language=lang,
                formality="formal", contact_hours=hours_always(zone))
    context, worker = launch_browser(playwright, tmp_path / "profile", locale=case["locale"])
    try:
        configure(worker, **default_settings_for(service))
        page = context.new_page()
        page.set_default_timeout(10_000)
        SCREENSHOTS.mkdir(exist_ok=True)
        open_demo(page, service, case["reply"], reply=1)
        page.keyboard.type(case["draft"])
        wait_analysed(page)
        mark = next(u for u in underlines(page) if u["rule"].startswith(case["rule"]))
        page.mouse.move((mark["left"] + mark["right"]) / 2, (mark["top"] + mark["bottom"]) / 2)
        advice = page.locator('[data-tactful="tooltip"] [data-tactful="advice"]')
        advice.wait_for(state="visible")
        assert advice.locator("h3").text_content() == case["heading"], "the heading in the interface language"
        assert advice.locator("li").count() >= 1 and advice.locator("button").count() == 0
        page.screenshot(path=str(SCREENSHOTS / f"tooltip-advice-{lang}.png"))

        open_demo(page, service, case["reply"], compose=1)
        page.keyboard.type(address)
        page.keyboard.press("Enter")
        page.locator('[data-demo-compose] [data-demo-row="subject"] input').fill(case["subject"])
        page.locator(BODY).click()
        page.keyboard.type(case["consider"])
        wait_analysed(page)
        call = page.locator('[data-tactful="call"]')
        call.wait_for(state="visible")
        assert call.get_attribute("data-strength") == "consider"
        assert name in page.locator('[data-tactful="card"]').inner_text(), "the client is known"
        assert case["title"] in call.inner_text(), call.inner_text()
        expected = service.api("POST", f"/v1/analyze?lang={lang}", {"text": case["consider"], "lang": "auto",
                                                                    "recipients": [address]})["suggest_call"]
        assert [li.inner_text() for li in call.locator("li").all()] == expected["reasons"], \
            "the service's reasons in the interface language, as the strings around them"
        page.screenshot(path=str(SCREENSHOTS / f"panel-call-consider-{lang}.png"))
        page.locator(SEND).click()
        page.wait_for_function("() => window.demoOutbox.length > 0")
        assert [e["kind"] for e in outbox(page)] == ["sent"]
        assert page.locator(DIALOG).count() == 0
    finally:
        context.close()
