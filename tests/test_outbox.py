"""Scheduled messages: the API, delivery through a real SMTP server or the file outbox, at most once,
never outside contact hours, retries and final states — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

import pytest

from tactful.api import create_app
from tactful.outbox import dispatch
from tactful.outbox.runner import Dispatcher
from tactful.outbox.transports import FileOutbox, SMTPTransport
from tactful.storage.database import utcnow
from tactful.storage.models import ScheduledMessage

ALWAYS = {"timezone": "UTC", "weekly": {d: [["00:00", "24:00"]] for d in
                                        ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}
MADRID_OFFICE = {"timezone": "Europe/Madrid", "weekly": {d: [["09:00", "17:00"]] for d in
                                                          ("mon", "tue", "wed", "thu", "fri")}}


@pytest.fixture
def app(database_url):
    app = create_app()
    yield app
    app.extensions["tactful.db"].dispose()


@pytest.fixture
def api(app):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {app.extensions['tactful.token']}"}

    def call(method, path, body=None):
        return client.open(path, method=method, json=body, headers=headers)

    return call


def _message(**fields) -> dict:
    return {"to": ["ana@acme.es"], "from": "me@freelance.dev", "subject": "Informe", "text": "Adjunto el informe.",
            "send_at": utcnow().isoformat(), **fields}


def _client(api, hours=ALWAYS, **fields):
    api("POST", "/v1/clients", {"id": "acme", "name": "Acme", "domains": ["acme.es"], "contact_hours": hours,
                                **fields})


def test_create_is_stored_before_201_and_listed(api, app):
    _client(api)
    created = api("POST", "/v1/scheduled", _message(in_reply_to="<a1@acme.es>", references="<a0@acme.es> <a1@acme.es>"))
    assert created.status_code == 201 and created.headers["Location"].endswith(created.json["id"])
    with app.extensions["tactful.db"].session() as session:
        assert session.get(ScheduledMessage, created.json["id"]).status == "scheduled"
    assert created.json["client_ids"] == ["acme"] and created.json["message_id"].endswith("@freelance.dev>")
    assert [m["id"] for m in api("GET", "/v1/scheduled?status=scheduled").json["scheduled"]] == [created.json["id"]]
    assert api("GET", "/v1/scheduled?status=lost").json["error"]["field"] == "status"


def test_next_window_and_outside_instants_move_into_the_hours(api):
    _client(api, MADRID_OFFICE)
    friday_night = "2026-11-20T23:40:00+01:00"
    by_window = api("POST", "/v1/scheduled", {**_message(), "send_at": None, "when": "next_window"}).json
    assert by_window["status"] == "scheduled"
    outside = api("POST", "/v1/scheduled", _message(send_at=friday_night)).json
    assert outside["send_at"] == "2026-11-23T08:00:00+00:00"
    assert outside["history"][0]["reason"] == "the requested instant is outside contact hours"
    moved = api("PATCH", f"/v1/scheduled/{outside['id']}", {"send_at": "2026-11-24T10:30:00+01:00"}).json
    assert moved["send_at"] == "2026-11-24T09:30:00+00:00"


@pytest.mark.parametrize("body, field", [
    ({"to": []}, "to"), ({"to": ["not-an-address"]}, "to.0"), ({"send_at": "2026-11-20T23:40:00"}, "send_at"),
    ({"when": "later"}, "when"), ({"text": None}, "text"), ({"client_id": "ghost"}, "id"),
])
def test_bad_messages_are_refused_naming_the_field(api, body, field):
    response = api("POST", "/v1/scheduled", _message(**body))
    assert response.status_code in (404, 422) and response.json["error"]["field"] == field


def test_cancel_and_retry_follow_the_life_cycle(api):
    made = api("POST", "/v1/scheduled", _message()).json
    assert api("POST", f"/v1/scheduled/{made['id']}/retry").status_code == 409
    assert api("DELETE", f"/v1/scheduled/{made['id']}").json["status"] == "cancelled"
    assert api("DELETE", f"/v1/scheduled/{made['id']}").status_code == 409
    assert api("GET", "/v1/scheduled/nope").status_code == 404


def test_file_outbox_writes_the_message_with_fixed_headers(api, app, home):
    made = api("POST", "/v1/scheduled", _message(in_reply_to="<a1@acme.es>", references="<a0@acme.es> <a1@acme.es>",
                                                 cc=["boss@acme.es"])).json
    db = app.extensions["tactful.db"]
    dispatch.deliver_due(db, FileOutbox(home / "outbox"))
    files = list((home / "outbox").glob("*.eml"))
    assert [f.name for f in files] == [f"{made['id']}.eml"]
    email = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert email["Message-ID"] == made["message_id"] and email["In-Reply-To"] == "<a1@acme.es>"
    assert email["References"] == "<a0@acme.es> <a1@acme.es>" and email["Cc"] == "boss@acme.es"
    assert email.get_content().strip() == "Adjunto el informe."
    sent = api("GET", f"/v1/scheduled/{made['id']}").json
    assert sent["status"] == "sent" and sent["sent_at"] and sent["late"] is False


def test_smtp_delivery_exactly_once_even_when_two_senders_race(api, app, smtp):
    made = api("POST", "/v1/scheduled", _message()).json
    db, transport = app.extensions["tactful.db"], SMTPTransport(smtp.url)
    threads = [threading.Thread(target=dispatch.deliver, args=(db, transport, made["id"])) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(smtp.handler.received) == 1
    rcpts, email = smtp.handler.received[0]
    assert rcpts == ["ana@acme.es"] and email["Message-ID"] == made["message_id"]
    assert api("GET", f"/v1/scheduled/{made['id']}").json["attempts"] == 1


def test_a_send_interrupted_by_a_crash_is_unknown_never_resent_silently(api, app, smtp):
    made = api("POST", "/v1/scheduled", _message()).json
    db = app.extensions["tactful.db"]
    assert dispatch._claim(db, made["id"], utcnow()) is not None  # the service died right after this
    assert dispatch.recover(db) == 1
    unknown = api("GET", f"/v1/scheduled/{made['id']}").json
    assert unknown["status"] == "unknown" and "resend or drop" in unknown["history"][-1]["reason"]
    dispatch.deliver_due(db, SMTPTransport(smtp.url))
    assert smtp.handler.received == []
    assert api("POST", f"/v1/scheduled/{made['id']}/retry").json["status"] == "scheduled"
    dispatch.deliver_due(db, SMTPTransport(smtp.url))
    assert len(smtp.handler.received) == 1


def test_hours_are_rechecked_at_delivery(api, app, smtp):
    _client(api)
    made = api("POST", "/v1/scheduled", _message()).json
    # The client's hours change before the message goes out: now it would land outside them.
    closed_today = {"timezone": "UTC", "weekly": {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu",
                                                                                      "fri", "sat", "sun")},
                    "blackouts": [{"start": utcnow().date().isoformat(), "end": utcnow().date().isoformat()}]}
    api("PATCH", "/v1/clients/acme", {"contact_hours": closed_today})
    dispatch.deliver_due(app.extensions["tactful.db"], SMTPTransport(smtp.url))
    moved = api("GET", f"/v1/scheduled/{made['id']}").json
    assert smtp.handler.received == [] and moved["status"] == "scheduled"
    assert moved["history"][-1]["event"] == "moved" and "changed since scheduling" in moved["history"][-1]["reason"]
    assert moved["send_at"].startswith((utcnow() + timedelta(days=1)).date().isoformat())


def test_a_message_due_while_the_service_was_down(api, app, smtp):
    _client(api)
    an_hour_ago = (utcnow() - timedelta(hours=1)).isoformat()
    inside = api("POST", "/v1/scheduled", _message(send_at=an_hour_ago)).json
    dispatch.deliver_due(app.extensions["tactful.db"], SMTPTransport(smtp.url))
    sent = api("GET", f"/v1/scheduled/{inside['id']}").json
    assert sent["status"] == "sent" and sent["late"] is True
    assert any(h["event"] == "late" and "still inside the window" in h["reason"] for h in sent["history"])


def test_smtp_faults_retry_then_fail_with_the_reply_kept(api, app, smtp):
    db, transport = app.extensions["tactful.db"], SMTPTransport(smtp.url, timeout=5)
    made = api("POST", "/v1/scheduled", _message(to=["ana@acme.es", "bob@acme.es"])).json
    smtp.stop()  # connection refused
    assert dispatch.deliver(db, transport, made["id"]) == "scheduled"
    first_retry = api("GET", f"/v1/scheduled/{made['id']}").json
    assert first_retry["history"][-1]["event"] == "retry" and first_retry["send_at"] > made["send_at"]
    smtp.start()
    smtp.handler.fail_data = "451 4.3.0 Try again later"
    assert dispatch.deliver(db, transport, made["id"], now=utcnow() + timedelta(minutes=5)) == "scheduled"
    assert "451" in api("GET", f"/v1/scheduled/{made['id']}").json["last_error"]
    smtp.handler.fail_data = None
    smtp.handler.fail_rcpt["bob@acme.es"] = "550 5.1.1 No such user"
    assert dispatch.deliver(db, transport, made["id"], now=utcnow() + timedelta(hours=2)) == "sent"
    partial = api("GET", f"/v1/scheduled/{made['id']}").json
    assert partial["attempts"] == 3 and "550" in partial["last_error"] and len(smtp.handler.received) == 1
    only_bob = api("POST", "/v1/scheduled", _message(to=["bob@acme.es"])).json
    assert dispatch.deliver(db, transport, only_bob["id"]) == "failed"
    failed = api("GET", f"/v1/scheduled/{only_bob['id']}").json
    assert failed["status"] == "failed" and "550 5.1.1 No such user" in failed["last_error"]


def test_bodies_of_sent_messages_are_purged_after_the_retention(api, app, home):
    made = api("POST", "/v1/scheduled", _message()).json
    db = app.extensions["tactful.db"]
    dispatch.deliver_due(db, FileOutbox(home / "outbox"))
    assert dispatch.purge(db, days=7) == 0
    assert dispatch.purge(db, days=7, now=utcnow() + timedelta(days=8)) == 1
    purged = api("GET", f"/v1/scheduled/{made['id']}").json
    assert purged["text"] is None and purged["purged"] is True and purged["status"] == "sent"


def test_the_dispatcher_wakes_at_the_due_instant(api, app, smtp):
    db = app.extensions["tactful.db"]
    dispatcher = Dispatcher(db, SMTPTransport(smtp.url))
    dispatcher.start()
    try:
        soon = (datetime.now(timezone.utc) + timedelta(seconds=1)).isoformat()
        api("POST", "/v1/scheduled", _message(send_at=soon))
        dispatcher.wake()
        deadline = time.time() + 10
        while not smtp.handler.received and time.time() < deadline:
            time.sleep(0.1)
    finally:
        dispatcher.stop()
    assert len(smtp.handler.received) == 1


def test_the_in_memory_directory_matches_like_the_database(api, app):
    from tactful.outbox import store

    _client(api, MADRID_OFFICE, emails=["boss@acme.es"])
    api("POST", "/v1/clients", {"id": "ana", "name": "Ana", "emails": ["ana.r@gmail.com"], "contact_hours": ALWAYS})
    api("PUT", "/v1/me", {"name": "Me", "contact_hours": ALWAYS})
    cases = [(["x@acme.es"], []), (["boss@acme.es", "ana.r@gmail.com"], []), (["z@gmail.com"], ["acme"]),
             (["nobody@nowhere.example"], ["ghost"])]
    with app.extensions["tactful.db"].session() as session:
        directory = store.Directory(session)
        for recipients, ids in cases:
            assert directory.hours_for(recipients, ids) == store.hours_for(session, recipients, ids)
