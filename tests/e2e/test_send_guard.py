"""Send is held only for a reason: outside the client's hours it is scheduled (by the service or the webmail)."""

from __future__ import annotations

import pytest
from harness import (
    BODY,
    DIALOG,
    SEND,
    hours_always,
    hours_not_today,
    instant,
    open_demo,
    outbox,
    poll,
    wait_analysed,
)

ZONE = "Asia/Tokyo"


@pytest.fixture
def night_client(make_client):
    """A client whose only window is three days away, so any message now arrives outside their hours."""
    return make_client(name="Kenji Sato", emails=["kenji@sato.example"], language="en", formality="formal",
                       contact_hours=hours_not_today(ZONE), channels={"formal": "email", "quick": "slack"})


def expected_send_at(service, client_id: str):
    """The instant the service computes for this client now (POST /v1/timing)."""
    timing = service.api("POST", "/v1/timing", {"client_id": client_id})
    assert timing["within"] is False
    return instant(timing["send_at"])


def hold_send(page, service, site: str, to: str, draft: str) -> None:
    """Reply to `to`, type draft, wait for its analysis, press Send and wait for Tactful's dialog."""
    open_demo(page, service, site, reply=1, to=to)
    page.keyboard.type(draft)
    wait_analysed(page)
    page.locator(SEND).click()
    page.locator(DIALOG).wait_for(state="visible")


def test_gmail_send_outside_hours_is_scheduled_by_the_service(page, service, night_client, shot):
    """Send opens the dialog (nothing sent); Schedule stores the message for the client's next window, once."""
    draft = "Hello Kenji, the signed contract is attached. Kind regards, Sam"
    hold_send(page, service, "gmail", night_client["emails"][0], draft)
    assert outbox(page) == []
    shot("send-dialog-gmail")
    page.locator(f'{DIALOG} [data-action="schedule"]').click()
    page.locator(BODY).wait_for(state="detached")  # the compose closes: the service holds the message now
    scheduled = service.api("GET", "/v1/scheduled?status=scheduled")["scheduled"]
    assert len(scheduled) == 1, scheduled
    record = scheduled[0]
    assert instant(record["send_at"]) == expected_send_at(service, night_client["id"])
    assert record["to"] == night_client["emails"]
    assert record["via"] == "smtp"
    assert record["text"].startswith(draft)
    assert night_client["id"] in record["client_ids"]
    assert [e for e in outbox(page) if e["kind"] == "sent"] == []
    assert {"type": "discarded", "kind": "reply"} in page.evaluate("() => window.demoLog")
    assert page.locator(DIALOG).count() == 0


def test_outlook_send_outside_hours_uses_the_webmails_schedule_send(page, service, settings, night_client, shot):
    """With schedulePath "webmail", Outlook's own Schedule send gets the service's instant and the service records it."""
    settings(schedulePath="webmail")
    hold_send(page, service, "outlook-pl", night_client["emails"][0],
              "Dzień dobry, w załączniku przesyłam podpisaną umowę. Pozdrawiam, Katarzyna")
    assert outbox(page) == []
    shot("send-dialog-outlook-pl")
    page.locator(f'{DIALOG} [data-action="schedule"]').click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    entries = outbox(page)
    assert [e["kind"] for e in entries] == ["scheduled"], entries
    want = expected_send_at(service, night_client["id"])
    assert instant(entries[0]["scheduledFor"]) == want
    records = poll(lambda: service.api("GET", "/v1/scheduled?status=scheduled")["scheduled"])
    assert len(records) == 1, records
    assert records[0]["via"] == "webmail"
    assert instant(records[0]["send_at"]) == want
    assert records[0]["to"] == night_client["emails"]


def test_clean_draft_inside_hours_is_sent_untouched(page, service, make_client):
    """A polite draft to a client who is always reachable goes straight out: no dialog, nothing scheduled."""
    client = make_client(name="Lena Berg", emails=["lena@berg.example"], language="en", formality="informal",
                         contact_hours=hours_always("Europe/Berlin"))
    open_demo(page, service, "gmail", compose=1)
    page.keyboard.type(client["emails"][0])
    page.keyboard.press("Enter")
    page.locator('[data-demo-compose] input[name="subjectbox"]').fill("Revised plan")
    page.locator(BODY).click()
    text = "Hi Lena,\nThanks for the update. The revised plan is attached.\nBest,\nSam"
    page.keyboard.type(text)
    wait_analysed(page)
    page.locator(SEND).click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    entries = outbox(page)
    assert [e["kind"] for e in entries] == ["sent"]
    assert entries[0]["to"] == client["emails"]
    assert entries[0]["text"] == text
    assert page.locator(DIALOG).count() == 0
    assert service.api("GET", "/v1/scheduled?status=scheduled")["scheduled"] == []


def test_gmail_schedule_send_drives_the_full_press_menu_and_the_unlabeled_boxes(page, service, settings, night_client):
    """Spanish Gmail: the menu item and "Elegir fecha y hora" answer only a whole pointer press, and the picker's
    two unlabeled text boxes take the service's instant as Gmail writes it ("5 dic 2026", "9:00")."""
    settings(schedulePath="webmail")
    hold_send(page, service, "gmail-es", night_client["emails"][0],
              "Hola Kenji, adjunto el contrato firmado. Un saludo, María")
    page.locator(f'{DIALOG} [data-action="schedule"]').click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    entries = outbox(page)
    assert [e["kind"] for e in entries] == ["scheduled"], entries
    assert instant(entries[0]["scheduledFor"]) == expected_send_at(service, night_client["id"])
    assert entries[0]["to"] == night_client["emails"]


def test_a_plain_click_does_not_work_gmails_schedule_menu(page, service):
    """The demo's menu is as strict as Gmail's: a synthetic .click() with no pointer press does nothing."""
    open_demo(page, service, "gmail", compose=1)
    page.locator('[data-demo-compose] [data-demo="send-options"]').dispatch_event("mousedown")
    item = page.locator('[role="menuitem"][selector="scheduledSend"]')
    item.wait_for(state="visible")
    page.evaluate("() => document.querySelector('[selector=scheduledSend]').click()")
    assert page.locator('[role="dialog"][aria-label="Schedule send"]').count() == 0
    item.click()
    page.locator('[role="dialog"][aria-label="Schedule send"]').wait_for(state="visible")
