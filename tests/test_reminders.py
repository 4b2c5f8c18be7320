"""Report cadence arithmetic, reminder status, and the APScheduler jobs rebuilt from the clients table."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tactful.clients import reminders
from tactful.clients import repository as repo
from tactful.clients.cadence import due_after, last_due
from tactful.clients.model import ClientIn
from tactful.clients.etiquette import report_status
from tactful.storage import open_database

MADRID = ZoneInfo("Europe/Madrid")
UTC = timezone.utc


@pytest.mark.parametrize("cadence, after, expected", [
    ({"every": "week", "on": "fri", "at": "16:00"}, datetime(2026, 11, 22, 12, tzinfo=UTC),
     datetime(2026, 11, 27, 16, tzinfo=MADRID)),
    ({"every": "day", "at": "09:30"}, datetime(2026, 11, 22, 12, tzinfo=UTC), datetime(2026, 11, 23, 9, 30, tzinfo=MADRID)),
    ({"every": "month", "on": "last", "at": "10:00"}, datetime(2027, 2, 3, tzinfo=UTC),
     datetime(2027, 2, 28, 10, tzinfo=MADRID)),
    ({"every": "month", "on": 31, "at": "10:00"}, datetime(2027, 4, 1, tzinfo=UTC), datetime(2027, 4, 30, 10, tzinfo=MADRID)),
    # 02:30 does not exist in Madrid on 2027-03-28: the report falls due just after the gap.
    ({"every": "day", "at": "02:30"}, datetime(2027, 3, 27, 12, tzinfo=UTC), datetime(2027, 3, 28, 1, 30, tzinfo=UTC)),
])
def test_due_after(cadence, after, expected):
    assert due_after(cadence, MADRID, after) == expected


def test_fortnightly_counts_weeks_from_the_anchor():
    cadence = {"every": "fortnight", "on": "mon", "at": "09:00"}
    anchor = date(2026, 11, 2)
    first = due_after(cadence, MADRID, datetime(2026, 11, 3, tzinfo=UTC), anchor)
    assert first.date() == date(2026, 11, 16)
    assert due_after(cadence, MADRID, first, anchor).date() == date(2026, 11, 30)


def test_last_due_and_status():
    client = {"report_cadence": {"every": "week", "on": "fri", "at": "16:00"}, "contact_hours": {"timezone": "Europe/Madrid"}}
    now = datetime(2026, 11, 27, 17, tzinfo=MADRID)
    assert last_due(client["report_cadence"], MADRID, now) == datetime(2026, 11, 27, 16, tzinfo=MADRID)
    created = datetime(2026, 11, 1, tzinfo=UTC)
    assert report_status(client, now, set(), created) == {"due_at": datetime(2026, 11, 27, 16, tzinfo=MADRID),
                                                          "overdue": True}
    done = {datetime(2026, 11, 27, 16, tzinfo=MADRID)}
    assert report_status(client, now, done, created)["due_at"] == datetime(2026, 12, 4, 16, tzinfo=MADRID)
    # A client added after the last due moment owes nothing yet.
    assert report_status(client, now, set(), now - timedelta(minutes=5))["overdue"] is False


@pytest.fixture
def db(database_url, home):
    database = open_database(database_url, home)
    yield database
    database.dispose()


def _client(db, **fields):
    data = ClientIn.model_validate({"name": "Acme", "contact_hours": {"timezone": "Europe/Madrid", "weekly": {}},
                                    "report_cadence": {"every": "day", "at": "09:00"}, **fields})
    with db.session() as session:
        client = repo.create(session, data)
        client.created_at = datetime(2026, 1, 1, tzinfo=UTC)  # long-standing client
        return client.id


def test_listing_records_overdue_reports_and_done_clears_them(db):
    client_id = _client(db)
    now = datetime(2026, 11, 23, 10, tzinfo=MADRID)
    with db.session() as session:
        items = reminders.listing(session, now, "en")
    assert items[0]["overdue"] is True and items[0]["id"] is not None
    assert items[0]["text"] == "Acme: Daily report was due Mon 09:00 their time, 1 hour ago."
    with db.session() as session:
        reminders.mark_done(session, items[0]["id"])
    with db.session() as session:
        after = reminders.listing(session, now, "en")
    assert after[0]["overdue"] is False and after[0]["client_id"] == client_id
    assert after[0]["due_at"] == datetime(2026, 11, 24, 9, tzinfo=MADRID).isoformat()


def test_scheduler_jobs_are_rebuilt_from_the_clients_table(db):
    _client(db)
    _client(db, name="Kiwi", report_cadence={"every": "week", "on": "fri", "at": "16:00"})
    _client(db, name="No reports", report_cadence=None)
    jobs = reminders.ReminderJobs(db)
    jobs.start()
    try:
        ids = sorted(job.id for job in jobs.scheduler.get_jobs())
        assert ids == ["rebuild", "report:acme", "report:kiwi"]
        weekly = jobs.scheduler.get_job("report:kiwi").next_run_time
        assert weekly.astimezone(MADRID).strftime("%a %H:%M") == "Fri 16:00"
        jobs._fire("acme")  # what the job does when it fires: record the due report
        with db.session() as session:  # the client drops its cadence elsewhere (the command line)
            repo.patch(session, "kiwi", repo.ClientFields(report_cadence=None))
        jobs.rebuild()
        assert sorted(job.id for job in jobs.scheduler.get_jobs()) == ["rebuild", "report:acme"]
    finally:
        jobs.stop()
    with db.session() as session:
        rows = session.query(reminders.Reminder).all()
    assert [r.client_id for r in rows] == ["acme"]
