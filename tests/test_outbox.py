"""Scheduled messages: the API, delivery through a real SMTP server (aiosmtpd) or the file outbox, at most once,
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
from tactful.api.state import services

ALWAYS = {"timezone": "UTC", "weekly": {d: [["00:00", "24:00"]] for d in
                                        ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}
MADRID_OFFICE = {"timezone": "Europe/Madrid", "weekly": {d: [["09:00", "17:00"]] for d in
                                                          ("mon", "tue", "wed", "thu", "fri")}}


@pytest.fixture
def app(mail_app):
    return mail_app


@pytest.fixture
def api(mail_api):
    return mail_api


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
    with services(app).db.session() as session:
        assert session.get(ScheduledMessage, created.json["id"]).status == "scheduled"
    assert created.json["client_ids"] == ["acme"] and created.json["message_id"].endswith("@freelance.dev>")
    assert created.json["via"] == "smtp"
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
    ({"subject": "Informe\r\nBcc: victim@example.com"}, "subject"), ({"subject": "line\nbreak"}, "subject"),
    ({"subject": "nul\x00"}, "subject"), ({"subject": "tab\x0bvertical"}, "subject"),
    ({"in_reply_to": "<a1@acme.es>\r\nX-Evil: 1"}, "in_reply_to"), ({"in_reply_to": "a1@acme.es"}, "in_reply_to"),
    ({"in_reply_to": "<a1@acme.es> <a2@acme.es>"}, "in_reply_to"), ({"references": "<a0@acme.es> junk"}, "references"),
    ({"references": "<a0@acme.es>\n<a1@acme.es>"}, "references"),
    ({"to": ["Ana\r\nBcc: x@y.es <ana@acme.es>"]}, "to.0"), ({"cc": ["ok@acme.es", "Bad\n <b@acme.es>"]}, "cc.1"),
    ({"bcc": ["a" * 65 + "@acme.es"]}, "bcc.0"), ({"to": ["ana@" + "x" * 250 + ".es"]}, "to.0"),
    ({"to": ["a@b.es, c@d.es"]}, "to.0"), ({"from": "me@@freelance.dev"}, "from"), ({"from": "Me\r\n <m@f.dev>"}, "from"),
    ({"text": "body \x00 with NUL"}, "text"), ({"text": "lone \ud800 surrogate"}, "text"),
    ({"attachments": 1}, "attachments"), ({"attachments": -1}, "attachments"), ({"via": "pigeon"}, "via"),
    ({"to": [f"p{i}@acme.es" for i in range(60)], "cc": [f"c{i}@acme.es" for i in range(60)]}, "to"),
])
def test_bad_messages_are_refused_naming_the_field(api, body, field):
    response = api("POST", "/v1/scheduled", _message(**body))
    assert response.status_code in (404, 422) and response.json["error"]["field"] == field
    assert api("GET", "/v1/scheduled").json["scheduled"] == []


def test_attachments_are_refused_on_the_service_path_with_the_webmail_path_offered(api):
    refused = api("POST", "/v1/scheduled", _message(attachments=2)).json["error"]
    assert refused["code"] == "attachments_unsupported" and "Schedule send" in refused["message"]
    recorded = api("POST", "/v1/scheduled", _message(attachments=2, via="webmail", text=None))
    assert recorded.status_code == 201 and recorded.json["via"] == "webmail"


def test_a_missing_from_is_refused_on_the_smtp_path(api):
    response = api("POST", "/v1/scheduled", {k: v for k, v in _message().items() if k != "from"})
    assert response.status_code == 422 and response.json["error"]["field"] == "from"


def test_cancel_is_undo_and_retry_follows_the_life_cycle(api):
    made = api("POST", "/v1/scheduled", _message(html="<p>Adjunto el <b>informe</b>.</p>", cc=["boss@acme.es"])).json
    assert api("POST", f"/v1/scheduled/{made['id']}/retry").status_code == 409
    undone = api("DELETE", f"/v1/scheduled/{made['id']}").json
    assert undone["status"] == "cancelled" and undone["history"][-1]["event"] == "cancelled"
    # Everything needed to put the draft back is in the answer.
    assert (undone["text"], undone["html"], undone["cc"]) == (made["text"], made["html"], ["boss@acme.es"])
    assert api("DELETE", f"/v1/scheduled/{made['id']}").status_code == 409
    assert api("GET", "/v1/scheduled/nope").status_code == 404


def test_a_complete_message_arrives(api, app, smtp):
    """To, Cc and Bcc apart (Bcc on the envelope only), names and an IDN domain, From, the thread, HTML and text."""
    made = api("POST", "/v1/scheduled", _message(
        to=["Ana Ruiz <ana@acme.es>", "José Pérez <jose@café.es>"], cc=["boss@acme.es"], bcc=["archive@acme.es"],
        **{"from": "Marta López <me@freelance.dev>"}, subject="Re: Informe — señal ✓",
        in_reply_to="<a1@acme.es>", references="<a0@acme.es> <a1@acme.es>",
        html='<div dir="ltr">Hola <b>Ana</b>,<br>adjunto el informe.<script>alert(1)</script></div>',
        text="Hola Ana,\nadjunto el informe.")).json
    assert made["to"] == ["Ana Ruiz <ana@acme.es>", "José Pérez <jose@café.es>"] and "<script>" not in made["html"]
    dispatch.deliver_due(services(app).db, SMTPTransport(smtp.url))
    [(rcpts, email)] = smtp.handler.received
    assert rcpts == ["ana@acme.es", "jose@xn--caf-dma.es", "boss@acme.es", "archive@acme.es"]
    assert email["To"] == "Ana Ruiz <ana@acme.es>, José Pérez <jose@xn--caf-dma.es>"
    assert email["Cc"] == "boss@acme.es" and email["Bcc"] is None and b"archive@" not in email.as_bytes()
    assert email["From"] == "Marta López <me@freelance.dev>" and email["Subject"] == "Re: Informe — señal ✓"
    assert email["In-Reply-To"] == "<a1@acme.es>" and email["References"] == "<a0@acme.es> <a1@acme.es>"
    assert email["Message-ID"] == made["message_id"] and email.get_content_type() == "multipart/alternative"
    plain, html = email.get_body(("plain",)), email.get_body(("html",))
    assert plain.get_content().replace("\r\n", "\n").strip() == "Hola Ana,\nadjunto el informe."
    assert "<b>Ana</b>" in html.get_content() and "script" not in html.get_content()
    sent = api("GET", f"/v1/scheduled/{made['id']}").json
    assert sent["status"] == "sent" and sent["history"][-1]["event"] == "sent" and sent["history"][-1]["via"] == "smtp"


def test_html_alone_gets_its_plain_text_alternative(api, app, smtp):
    made = api("POST", "/v1/scheduled", _message(text=None, html="<p>Hola Ana,</p><ul><li>uno</li><li>dos</li></ul>"))
    assert made.json["text"].split() == ["Hola", "Ana,", "uno", "dos"]
    dispatch.deliver_due(services(app).db, SMTPTransport(smtp.url))
    [(_rcpts, email)] = smtp.handler.received
    assert email.get_body(("plain",)).get_content().split() == ["Hola", "Ana,", "uno", "dos"]
    assert "<li>uno</li>" in email.get_body(("html",)).get_content()


def test_file_outbox_only_when_asked_and_recorded_as_file(app, api, home, monkeypatch):
    monkeypatch.delenv("TACTFUL_SMTP_URL")
    file_only = create_app()
    client = file_only.test_client()
    headers = {"Authorization": f"Bearer {services(file_only).token}"}
    refused = client.post("/v1/scheduled", json=_message(), headers=headers)
    assert refused.status_code == 422 and refused.json["error"] == {
        "code": "no_mail_server", "field": "via", "message": refused.json["error"]["message"]}
    assert "nobody receives" in refused.json["error"]["message"]
    made = client.post("/v1/scheduled", headers=headers, json=_message(
        via="file", in_reply_to="<a1@acme.es>", references="<a0@acme.es> <a1@acme.es>", cc=["boss@acme.es"])).json
    assert made["via"] == "file"
    db = services(file_only).db
    dispatch.deliver_due(db, FileOutbox(home / "outbox"))
    files = list((home / "outbox").glob("*.eml"))
    assert [f.name for f in files] == [f"{made['id']}.eml"]
    email = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert email["Message-ID"] == made["message_id"] and email["In-Reply-To"] == "<a1@acme.es>"
    assert email["References"] == "<a0@acme.es> <a1@acme.es>" and email["Cc"] == "boss@acme.es"
    assert email.get_content().strip() == "Adjunto el informe."
    sent = client.get(f"/v1/scheduled/{made['id']}", headers=headers).json
    assert sent["status"] == "sent" and sent["via"] == "file" and sent["late"] is False
    assert [h["event"] for h in sent["history"]] == ["scheduled", "sent"] and sent["history"][-1]["via"] == "file"
    db.dispose()


def test_smtp_delivery_exactly_once_even_when_two_senders_race(api, app, smtp):
    made = api("POST", "/v1/scheduled", _message()).json
    db = services(app).db
    threads = [threading.Thread(target=dispatch.deliver, args=(db, SMTPTransport(smtp.url), made["id"]))
               for _ in range(4)]
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
    db = services(app).db
    with db.engine.begin() as conn:  # the service died right after claiming it
        conn.execute(ScheduledMessage.__table__.update().where(ScheduledMessage.id == made["id"])
                     .values(status="sending"))
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
    closed_today = {**ALWAYS, "blackouts": [{"start": utcnow().date().isoformat(), "end": utcnow().date().isoformat()}]}
    api("PATCH", "/v1/clients/acme", {"contact_hours": closed_today})
    dispatch.deliver_due(services(app).db, SMTPTransport(smtp.url))
    moved = api("GET", f"/v1/scheduled/{made['id']}").json
    assert smtp.handler.received == [] and moved["status"] == "scheduled"
    assert moved["history"][-1]["event"] == "moved" and "changed since scheduling" in moved["history"][-1]["reason"]
    assert moved["send_at"].startswith((utcnow() + timedelta(days=1)).date().isoformat())


def test_a_message_due_while_the_service_was_down(api, app, smtp):
    _client(api)
    an_hour_ago = (utcnow() - timedelta(hours=1)).isoformat()
    inside = api("POST", "/v1/scheduled", _message(send_at=an_hour_ago)).json
    dispatch.deliver_due(services(app).db, SMTPTransport(smtp.url))
    sent = api("GET", f"/v1/scheduled/{inside['id']}").json
    assert sent["status"] == "sent" and sent["late"] is True
    assert any(h["event"] == "late" and "still inside the window" in h["reason"] for h in sent["history"])


def test_smtp_faults_retry_then_fail_with_the_reply_kept(api, app, smtp):
    db, transport = services(app).db, SMTPTransport(smtp.url, timeout=5)
    made = api("POST", "/v1/scheduled", _message(to=["ana@acme.es", "bob@acme.es"])).json
    smtp.stop()  # connection refused: the server is down, the message waits as it was
    assert dispatch.deliver(db, transport, made["id"]) == "scheduled"
    waiting = api("GET", f"/v1/scheduled/{made['id']}").json
    assert waiting["history"][-1]["event"] == "retry" and "cannot reach" in waiting["last_error"]
    smtp.start()
    smtp.handler.fail_data = "451 4.3.0 Try again later"
    assert dispatch.deliver(db, transport, made["id"], now=utcnow() + timedelta(minutes=5)) == "scheduled"
    later = api("GET", f"/v1/scheduled/{made['id']}").json
    assert "451" in later["last_error"] and later["send_at"] > made["send_at"]
    smtp.handler.fail_data = None
    smtp.handler.fail_rcpt["bob@acme.es"] = "550 5.1.1 No such user"
    assert dispatch.deliver(db, transport, made["id"], now=utcnow() + timedelta(hours=2)) == "sent"
    partial = api("GET", f"/v1/scheduled/{made['id']}").json
    assert partial["attempts"] == 3 and "550" in partial["last_error"] and len(smtp.handler.received) == 1
    assert "550" in partial["history"][-1]["refused"]
    only_bob = api("POST", "/v1/scheduled", _message(to=["bob@acme.es"])).json
    assert dispatch.deliver(db, transport, only_bob["id"]) == "failed"
    failed = api("GET", f"/v1/scheduled/{only_bob['id']}").json
    assert failed["status"] == "failed" and "550 5.1.1 No such user" in failed["last_error"]


def test_the_dispatcher_wakes_at_the_due_instant(api, app, smtp):
    db = services(app).db
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


def test_a_webmail_record_follows_the_webmail_and_is_never_moved(api, app, smtp):
    _client(api)
    made = api("POST", "/v1/scheduled", {"to": ["ana@acme.es"], "subject": "Informe", "via": "webmail",
                                         "send_at": utcnow().isoformat()}).json
    closed_today = {**ALWAYS, "blackouts": [{"start": utcnow().date().isoformat(), "end": utcnow().date().isoformat()}]}
    api("PATCH", "/v1/clients/acme", {"contact_hours": closed_today})  # the webmail holds it: nothing to move
    dispatch.deliver_due(services(app).db, SMTPTransport(smtp.url))
    record = api("GET", f"/v1/scheduled/{made['id']}").json
    assert smtp.handler.received == [] and record["status"] == "sent" and record["via"] == "webmail"
    assert record["history"][-1]["event"] == "sent" and record["history"][-1]["via"] == "webmail"


def test_a_connection_lost_while_the_server_takes_the_message_is_unknown(api, app, smtp):
    """The server may have the message: it is never resent by itself; the user decides."""
    made = api("POST", "/v1/scheduled", _message()).json
    smtp.handler.drop_after_data = True
    assert dispatch.deliver(services(app).db, SMTPTransport(smtp.url, timeout=5), made["id"]) == "unknown"
    record = api("GET", f"/v1/scheduled/{made['id']}").json
    assert record["status"] == "unknown" and "broke while it was taking the message" in record["last_error"]
    assert record["history"][-1]["event"] == "unknown" and len(smtp.handler.received) == 1
    dispatch.deliver_due(services(app).db, SMTPTransport(smtp.url))
    assert len(smtp.handler.received) == 1


def test_a_run_goes_through_every_batch_of_due_messages(api, app, smtp, monkeypatch):
    monkeypatch.setattr(dispatch, "BATCH", 3)
    made = [api("POST", "/v1/scheduled", _message(subject=f"Message {n}")).json for n in range(7)]
    run = dispatch.deliver_due(services(app).db, SMTPTransport(smtp.url))
    assert run.outcomes == {"sent": 7} and run.down is None
    assert sorted(e["Subject"] for _r, e in smtp.handler.received) == sorted(m["subject"] for m in made)
