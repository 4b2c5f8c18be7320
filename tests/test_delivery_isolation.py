"""One bad message never blocks the rest, and a failing dispatcher backs off instead of spinning — with a real
SMTP server (aiosmtpd) and the real dispatcher, on SQLite and PostgreSQL. Also: what /v1/me says about delivery."""

from __future__ import annotations

import logging
import resource
import time

import pytest
from sqlalchemy import update

from tactful.api import create_app
from tactful.outbox.runner import Dispatcher
from tactful.outbox.transports import SMTPTransport
from tactful.storage.database import utcnow
from tactful.storage.models import ScheduledMessage
from tactful.api.state import services

ALWAYS = {"timezone": "UTC", "weekly": {d: [["00:00", "24:00"]] for d in
                                        ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}


@pytest.fixture
def app(mail_app):
    return mail_app


@pytest.fixture
def api(mail_api):
    return mail_api


def _schedule(api, n: int, **fields) -> dict:
    made = api("POST", "/v1/scheduled", {"to": [f"person{n}@acme.es"], "from": "me@freelance.dev",
                                         "subject": f"Message {n}", "text": f"Body {n}",
                                         "send_at": utcnow().isoformat(), **fields})
    assert made.status_code == 201, made.json
    return made.json


def _as_an_older_version_stored_it(app, message_id: str, **values) -> None:
    """Rows written before today's validation existed: the dispatcher must cope with whatever is stored."""
    with services(app).db.engine.begin() as conn:
        conn.execute(update(ScheduledMessage).where(ScheduledMessage.id == message_id).values(**values))


def _wait(condition, timeout: float = 20) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def test_one_poisoned_message_among_ten_fails_alone_and_the_dispatcher_goes_idle(api, app, smtp, caplog):
    api("POST", "/v1/clients", {"id": "acme", "name": "Acme", "domains": ["acme.es"], "contact_hours": ALWAYS})
    made = [_schedule(api, n) for n in range(10)]
    poisoned = made[4]["id"]
    _as_an_older_version_stored_it(app, poisoned, subject="Message 4\r\nBcc: everyone@example.com")
    caplog.set_level(logging.INFO, logger="tactful.outbox")
    dispatcher = Dispatcher(services(app).db, SMTPTransport(smtp.url))
    dispatcher.start()
    try:
        assert _wait(lambda: len(smtp.handler.received) >= 9)
        time.sleep(1)  # anything still to come (nothing should) has had its chance
        runs, cpu = dispatcher.runs, _cpu()
        time.sleep(4)
        idle_runs, idle_cpu = dispatcher.runs - runs, _cpu() - cpu
    finally:
        dispatcher.stop()
    subjects = sorted(email["Subject"] for _r, email in smtp.handler.received)
    assert subjects == sorted(f"Message {n}" for n in range(10) if n != 4)
    failed = api("GET", f"/v1/scheduled/{poisoned}").json
    assert failed["status"] == "failed" and "could not be built" in failed["last_error"]
    assert "subject contains a carriage return" in failed["last_error"]
    assert failed["history"][-1]["event"] == "failed" and failed["history"][-1]["reply"] == failed["last_error"]
    assert [m["status"] for m in api("GET", "/v1/scheduled").json["scheduled"]].count("sent") == 9
    # Idle: only the 2-second poll runs (no loop over the failed message), and the log holds one line about it.
    assert idle_runs <= 3 and idle_cpu < 1.0, (idle_runs, idle_cpu)
    lines = [r.getMessage() for r in caplog.records if r.name == "tactful.outbox"]
    assert [line for line in lines if poisoned in line] == [f"message {poisoned} failed: {failed['last_error']}"]


def test_a_row_that_breaks_delivery_in_an_unexpected_way_fails_alone(api, app, smtp):
    made = [_schedule(api, n) for n in range(3)]
    _as_an_older_version_stored_it(app, made[1]["id"], to=42)  # not a list of addresses at all
    dispatcher = Dispatcher(services(app).db, SMTPTransport(smtp.url))
    dispatcher.start()
    try:
        assert _wait(lambda: len(smtp.handler.received) >= 2)
        assert _wait(lambda: api("GET", f"/v1/scheduled/{made[1]['id']}").json["status"] == "failed")
    finally:
        dispatcher.stop()
    broken = api("GET", f"/v1/scheduled/{made[1]['id']}").json
    assert broken["last_error"].startswith("internal error while delivering: TypeError")
    assert sorted(e["Subject"] for _r, e in smtp.handler.received) == ["Message 0", "Message 2"]


def test_an_unreachable_mail_server_pauses_delivery_and_it_resumes(api, app, smtp, caplog):
    made = [_schedule(api, n) for n in range(5)]
    smtp.stop()
    caplog.set_level(logging.INFO, logger="tactful.outbox")
    dispatcher = Dispatcher(services(app).db, SMTPTransport(smtp.url, timeout=5))
    dispatcher.start()
    try:
        assert _wait(lambda: api("GET", "/v1/me").json["delivery"]["verified"] is False)
        time.sleep(3)
        tried = [m for m in api("GET", "/v1/scheduled").json["scheduled"] if m["attempts"]]
        paused = [r.getMessage() for r in caplog.records if "delivery paused" in r.getMessage()]
        delivery = api("GET", "/v1/me").json["delivery"]
        smtp.start()
        assert _wait(lambda: len(smtp.handler.received) == 5, timeout=30)
        assert _wait(lambda: api("GET", "/v1/me").json["delivery"]["verified"] is True)
    finally:
        dispatcher.stop()
    # One message per attempt found the server down; the others were not dialled for one by one.
    assert 1 <= len(tried) <= 3 and all(m["status"] == "scheduled" for m in tried)
    assert all(m["history"][-1]["event"] == "retry" and "cannot reach" in m["last_error"] for m in tried)
    assert 1 <= len(paused) <= 3 and "next try in" in paused[0]
    assert delivery["service_path"] is False and delivery["reason"] == "not_verified"
    assert "cannot reach" in delivery["error"] and "cannot reach" in delivery["message"]
    assert sorted(api("GET", f"/v1/scheduled/{m['id']}").json["status"] for m in made) == ["sent"] * 5


def test_delivery_status_with_a_verified_mail_server(api, app, smtp):
    assert api("GET", "/v1/me").json["delivery"]["reason"] == "no_sender"  # nothing is delivering yet
    dispatcher = Dispatcher(services(app).db, SMTPTransport(smtp.url))
    dispatcher.start()
    try:
        assert _wait(lambda: api("GET", "/v1/me").json["delivery"]["verified"] is True)
        delivery = api("GET", "/v1/me").json["delivery"]
    finally:
        dispatcher.stop()
    assert delivery == {**delivery, "transport": "smtp", "host": "127.0.0.1", "port": smtp.port, "security": "none",
                        "user": None, "from": None, "service_path": True, "reason": None, "error": None}
    assert delivery["checked_at"] and delivery["sender_seen_at"] and "127.0.0.1" in delivery["message"]
    stopped = api("GET", "/v1/me").json["delivery"]
    assert stopped["service_path"] is False and stopped["reason"] == "no_sender"


def test_delivery_status_with_the_file_outbox_says_why_and_how(home, monkeypatch):
    monkeypatch.delenv("TACTFUL_SMTP_URL", raising=False)
    app = create_app()
    client, headers = app.test_client(), {"Authorization": f"Bearer {services(app).token}"}
    delivery = client.get("/v1/me", headers=headers).json["delivery"]
    assert delivery["transport"] == "file" and delivery["service_path"] is False
    assert delivery["reason"] == "file_outbox" and "TACTFUL_SMTP_URL=smtp://" in delivery["message"]
    assert delivery["folder"] == str(home / "outbox")
    me = client.get("/v1/me", headers=headers).json
    spanish = client.put("/v1/me", headers=headers, json={**me, "language": "es"})  # GET's answer sent back
    assert spanish.status_code == 200 and "servidor de correo" in spanish.json["delivery"]["message"]
    services(app).db.dispose()


def test_delivery_message_speaks_the_language_asked_for(home, monkeypatch):
    """The extension asks /v1/me?lang= in its own interface language, which need not be the profile's."""
    monkeypatch.delenv("TACTFUL_SMTP_URL", raising=False)
    app = create_app()
    client, headers = app.test_client(), {"Authorization": f"Bearer {services(app).token}"}
    assert "mail server" in client.get("/v1/me", headers=headers).json["delivery"]["message"]  # profile: en
    assert "serwera poczty" in client.get("/v1/me?lang=pl", headers=headers).json["delivery"]["message"]
    assert "servidor de correo" in client.get("/v1/me?lang=es", headers=headers).json["delivery"]["message"]
    bad = client.get("/v1/me?lang=de", headers=headers)
    assert bad.status_code == 422 and bad.json["error"]["field"] == "lang"
    services(app).db.dispose()
