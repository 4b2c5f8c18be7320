"""The service killed with SIGKILL again and again while 300 messages fall due: every message arrives
exactly once (or is marked unknown), never outside its client's window, exactly as scheduled —
on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo


from support.service import Service
from tactful.clients import repository as clients_repo
from tactful.clients.model import ClientIn
from tactful.hours import is_inside, parse_hours
from tactful.outbox import store
from tactful.outbox.model import ScheduledIn
from tactful.storage import open_database
from tactful.storage.models import ScheduledMessage

ZONES = ("Europe/Madrid", "America/Mexico_City", "Asia/Kolkata", "Australia/Sydney", "Europe/Warsaw")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _hours_until(zone: str, closes: datetime) -> dict:
    """Open from two hours ago until `closes` (minute-rounded), in the zone's local time.

    When that crosses local midnight the window is written as crossing it ("23:10"–"01:10"),
    which belongs to the day it starts on.
    """
    local_close = closes.astimezone(ZoneInfo(zone))
    local_open = (datetime.now(timezone.utc) - timedelta(hours=2)).astimezone(ZoneInfo(zone))
    return {"timezone": zone, "weekly": {DAYS[local_open.weekday()]: [[local_open.strftime("%H:%M"),
                                                                      local_close.strftime("%H:%M")]]}}


def test_sigkill_storm(home, smtp, database_url):
    rng = random.Random(20261122)
    home.mkdir(parents=True, exist_ok=True)
    db = open_database(database_url, home)
    start = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(minutes=1)
    hours = {}
    with db.session() as session:
        for i, zone in enumerate(ZONES):
            # One client's window closes a minute into the storm: its later messages must wait.
            closes = start + (timedelta(minutes=1) if i == 0 else timedelta(hours=3))
            hours[f"c{i}"] = _hours_until(zone, closes)
            clients_repo.create(session, ClientIn(id=f"c{i}", name=f"Client {i}", domains=[f"c{i}.example"],
                                                  contact_hours=hours[f"c{i}"]))
        scheduled = {}
        for n in range(300):
            due = datetime.now(timezone.utc) + timedelta(seconds=rng.uniform(0, 120))
            message = store.create(session, ScheduledIn.model_validate({
                "to": [f"person{n}@c{n % len(ZONES)}.example"], "from": "me@freelance.dev",
                "subject": f"Message {n}", "text": f"Body {n} ✓ — ąćę ñ", "send_at": due.isoformat()}))
            scheduled[message.message_id] = store.to_dict(message)
    db.dispose()

    service = Service(home, {"TACTFUL_SMTP_URL": smtp.url})
    kills = 0
    storm_ends = time.time() + 130
    while time.time() < storm_ends:
        service.start(wait=rng.random() < 0.7)
        time.sleep(rng.uniform(0.5, 9))
        service.kill()
        kills += 1
    service.start()
    deadline = time.time() + 60
    db = open_database(database_url, home)
    while time.time() < deadline:
        with db.session() as session:
            pending = [m for m in store.listing(session) if m.status in ("scheduled", "sending")
                       and store.as_utc(m.send_at) <= datetime.now(timezone.utc)]
        if not pending:
            break
        time.sleep(1)
    service.stop()

    assert kills >= 10
    received = Counter(email["Message-ID"] for _rcpts, email in smtp.handler.received)
    with db.session() as session:
        final = {m.message_id: m for m in session.query(ScheduledMessage)}
    assert not [mid for mid, n in received.items() if n > 1], "a message was delivered twice"
    for _rcpts, email in smtp.handler.received:
        original = scheduled[email["Message-ID"]]
        assert email["Subject"] == original["subject"] and email.get_content().strip() == original["text"]
        assert email["To"] == original["to"][0] and email["From"] == "me@freelance.dev"
        client = original["client_ids"][0]
        sent_at = parsedate_to_datetime(email["Date"])
        assert is_inside(parse_hours(hours[client]), sent_at), f"{email['Message-ID']} arrived outside the window"
    for mid, message in final.items():
        if message.status == "sent":
            assert received[mid] == 1
        elif message.status == "unknown":
            assert received[mid] <= 1
        else:
            assert message.status == "scheduled" and received[mid] == 0
            assert message.client_ids == ["c0"], "only the client whose window closed may still be waiting"
    statuses = Counter(m.status for m in final.values())
    assert statuses["sent"] + statuses["unknown"] + statuses["scheduled"] == 300
    assert statuses["sent"] >= 200
    db.dispose()
