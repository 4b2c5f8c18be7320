"""Send is held only for a reason: outside the client's hours it is scheduled, by default with the webmail's own
Schedule send at the service's instant, and Tactful confirms it with its own notice."""

from __future__ import annotations

import pytest
from harness import (
    BODY,
    DIALOG,
    NOTICE,
    SEND,
    demo_log,
    hours_always,
    hours_not_today,
    instant,
    notice_text,
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


def test_gmail_send_outside_hours_is_scheduled_in_gmail_at_the_services_instant(page, service, night_client, shot):
    """The default, with the default file outbox: Send opens the dialog (nothing sent), and Schedule hands the wait
    to Gmail's own Schedule send at the instant the service computed, recorded "via": "webmail". The draft is never
    discarded, and Tactful confirms the schedule itself."""
    draft = "Hello Kenji, the signed contract is attached. Kind regards, Sam"
    hold_send(page, service, "gmail", night_client["emails"][0], draft)
    assert outbox(page) == []
    dialog = page.locator(DIALOG)
    assert dialog.locator('[data-action="schedule"]').count() == 1, "only the webmail path without a mail server"
    assert dialog.locator('[data-action="schedule"]').get_attribute("data-path") == "webmail"
    assert dialog.locator('[data-tactful="service-unavailable"]').count() == 0, "the user never asked for it"
    shot("send-dialog-gmail")
    dialog.locator('[data-action="schedule"]').click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    want = expected_send_at(service, night_client["id"])
    entries = outbox(page)
    assert [e["kind"] for e in entries] == ["scheduled"], entries
    assert instant(entries[0]["scheduledFor"]) == want
    assert entries[0]["to"] == night_client["emails"] and entries[0]["text"].startswith(draft)
    records = poll(lambda: service.api("GET", "/v1/scheduled?status=scheduled")["scheduled"])
    assert len(records) == 1, records
    assert records[0]["via"] == "webmail" and instant(records[0]["send_at"]) == want
    assert records[0]["text"] is None and records[0]["html"] is None, "the webmail holds the body, not the service"
    assert records[0]["to"] == night_client["emails"] and night_client["id"] in records[0]["client_ids"]
    assert not [e for e in demo_log(page) if e["type"] == "discarded"]
    page.locator(NOTICE).wait_for(state="visible")
    text = notice_text(page)
    assert "Scheduled for" in text and "(local time of Kenji Sato)" in text and "yours" in text, text
    assert "Gmail holds it until then." in text
    shot("notice-gmail-webmail")


def test_with_the_file_outbox_the_service_path_is_never_offered(page, service, settings, night_client):
    """Even when the user prefers the service path: without a mail server the dialog says why it is not there and
    schedules in the webmail; nothing is discarded."""
    settings(schedulePath="service", version=2)
    hold_send(page, service, "gmail", night_client["emails"][0], "Hello Kenji, the invoice is attached.")
    dialog = page.locator(DIALOG)
    paths = [b.get_attribute("data-path") for b in dialog.locator('[data-action="schedule"]').all()]
    assert paths == ["webmail"]
    note = dialog.locator('[data-tactful="service-unavailable"]')
    assert "no mail server is set up" in note.inner_text()
    dialog.locator('[data-action="schedule"]').click()
    page.wait_for_function("() => window.demoOutbox.length > 0")
    assert [e["kind"] for e in outbox(page)] == ["scheduled"]
    assert not [e for e in demo_log(page) if e["type"] == "discarded"]
    assert [m["via"] for m in poll(lambda: service.api("GET", "/v1/scheduled?status=scheduled")["scheduled"])] \
        == ["webmail"]


def test_gmails_own_undo_unschedules_through_tactfuls_notice(page, service, night_client):
    """Undo in Tactful's notice presses Gmail's own Undo: the draft comes back, the record is cancelled."""
    draft = "Hello Kenji, the revised contract is attached."
    hold_send(page, service, "gmail", night_client["emails"][0], draft)
    page.locator(f'{DIALOG} [data-action="schedule"]').click()
    page.locator(NOTICE).wait_for(state="visible")
    record = poll(lambda: service.api("GET", "/v1/scheduled?status=scheduled")["scheduled"])[0]
    page.locator(f'{NOTICE} [data-action="notice-undo"]').click()
    page.wait_for_function("() => window.demoLog.some((e) => e.type === 'unscheduled')")
    assert outbox(page) == []
    assert page.locator(BODY).inner_text().startswith(draft), "Gmail brought the draft back"
    assert "Unscheduled in Gmail" in poll(lambda: "Unscheduled" in notice_text(page) and notice_text(page))
    cancelled = poll(lambda: service.api("GET", f"/v1/scheduled/{record['id']}")["status"] == "cancelled")
    assert cancelled


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


def test_gmail_schedule_send_drives_the_full_press_menu_and_the_unlabeled_boxes(page, service, night_client):
    """Spanish Gmail: the menu item and "Elegir fecha y hora" answer only a whole pointer press, and the picker's
    two unlabeled text boxes take the service's instant as Gmail writes it ("5 dic 2026", "9:00")."""
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
