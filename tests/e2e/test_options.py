"""The options page says whether the service can deliver scheduled messages itself, and when it cannot (the
default file outbox), why not and how to set a mail server up; the service path cannot be chosen then."""

from __future__ import annotations

from harness import EXTENSION_ID

OPTIONS = f"chrome-extension://{EXTENSION_ID}/options/options.html"


def open_options(page):
    page.goto(OPTIONS)
    page.locator('#delivery:not([data-state="checking"])').wait_for()
    return page.locator("#delivery")


def test_with_the_file_outbox_options_explain_why_the_service_path_is_unavailable(page, service, shot):
    box = open_options(page)
    assert box.get_attribute("data-state") == "unavailable" and box.get_attribute("data-reason") == "file_outbox"
    text = box.inner_text()
    assert "No mail server is set up" in text and "never discards a draft" in text
    assert "TACTFUL_SMTP_URL=smtp://you%40example.com@smtp.example.com:587" in text
    delivery = service.api("GET", "/v1/me?lang=en")["delivery"]
    assert delivery["message"] in text, "the service's own sentence, in the interface language"
    assert page.locator('input[name="schedulePath"][value="service"]').is_disabled()
    assert page.locator('input[name="schedulePath"][value="webmail"]').is_checked()
    shot("options-file-outbox")


def test_test_connection_refreshes_what_options_say_about_delivery(page, service):
    open_options(page)
    page.locator("#test").click()
    page.locator("#result.ok").wait_for()
    assert "token accepted" in page.locator("#result").inner_text()
    assert page.locator("#delivery").get_attribute("data-reason") == "file_outbox"
