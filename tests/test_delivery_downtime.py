"""The service is down across the end of a window and back after it: the message waits for the next
window's opening instead of going out at restart."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo


from support.service import Service
from tactful.clients import repository as clients_repo
from tactful.clients.model import ClientIn
from tactful.outbox import store
from tactful.outbox.model import ScheduledIn
from tactful.storage import open_database

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZONES = ("UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Tokyo")


def _zone_far_from_midnight(at: datetime) -> ZoneInfo:
    """A zone where the next few minutes stay on one local day (the windows below must not cross midnight)."""
    for name in ZONES:
        local = at.astimezone(ZoneInfo(name))
        if 1 <= local.hour <= 22:
            return ZoneInfo(name)
    raise AssertionError("unreachable: these zones are hours apart")


def _wait_until(instant: datetime) -> None:
    time.sleep(max(0.0, (instant - datetime.now(timezone.utc)).total_seconds()))


def test_down_across_the_windows_end(home, smtp, monkeypatch):
    monkeypatch.delenv("TACTFUL_DATABASE_URL", raising=False)
    t0 = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(minutes=1)
    zone = _zone_far_from_midnight(t0)
    local = t0.astimezone(zone)
    fmt = "%H:%M"
    first = [local.strftime(fmt), (local + timedelta(minutes=1)).strftime(fmt)]            # [t0, t0+1)
    second = [(local + timedelta(minutes=2)).strftime(fmt), (local + timedelta(minutes=3)).strftime(fmt)]
    hours = {"timezone": zone.key, "weekly": {DAYS[local.weekday()]: [first, second]}}
    db = open_database(None, home)
    with db.session() as session:
        clients_repo.create(session, ClientIn(id="acme", name="Acme", domains=["acme.example"], contact_hours=hours))
        message = store.to_dict(store.create(session, ScheduledIn.model_validate({
            "to": ["ana@acme.example"], "from": "me@freelance.dev", "subject": "Hi", "text": "Body",
            "send_at": (t0 + timedelta(seconds=30)).isoformat()})))
    db.dispose()
    assert message["send_at"] == (t0 + timedelta(seconds=30)).isoformat()

    service = Service(home, {"TACTFUL_SMTP_URL": smtp.url})
    service.start()
    service.kill()  # down before the message is due, and through the end of its window
    _wait_until(t0 + timedelta(minutes=1, seconds=10))  # the first window has closed
    service.start()
    time.sleep(8)  # at restart it must not go out: the window is closed
    assert smtp.handler.received == []
    _wait_until(t0 + timedelta(minutes=2, seconds=6))
    deadline = time.time() + 15
    while not smtp.handler.received and time.time() < deadline:
        time.sleep(0.2)
    service.stop()
    assert len(smtp.handler.received) == 1
    sent_at = parsedate_to_datetime(smtp.handler.received[0][1]["Date"])
    assert t0 + timedelta(minutes=2) <= sent_at < t0 + timedelta(minutes=2, seconds=5)
    db = open_database(None, home)
    with db.session() as session:
        record = store.to_dict(store.get(session, message["id"]))
    db.dispose()
    assert record["status"] == "sent" and record["late"] is True
    assert any(h["event"] == "moved" and "window has closed" in h["reason"] for h in record["history"])
