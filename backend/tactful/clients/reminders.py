"""Report reminders: which reports are owed to which clients, kept in the reminders table.

The table is the truth. APScheduler (in `tactful serve`) records a reminder the moment a
report falls due, one job per client with a cadence, rebuilt from the clients table on
start; listing also records any due moment the service was not running for.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import i18n
from . import repository as clients_repo
from ..errors import TactfulError
from ..fields import MAX_ID
from .etiquette import report_status
from ..storage.database import Database, as_utc, utcnow
from ..storage.models import Reminder

log = logging.getLogger("tactful.reminders")
REBUILD_MINUTES = 5


def _done(session: Session, client_id: str) -> set[datetime]:
    rows = session.scalars(select(Reminder).where(Reminder.client_id == client_id, Reminder.done_at.is_not(None)))
    return {as_utc(r.due_at) for r in rows}


def status(session: Session, client, now: datetime) -> dict | None:
    """The report owed to a client now (overdue and not done), else the next one."""
    data = clients_repo.to_dict(client)
    return report_status(data, now, _done(session, client.id), as_utc(client.created_at))


def record(session: Session, client_id: str, due_at: datetime) -> Reminder:
    """The reminder for a due instant, created once (stored in UTC: SQLite keeps no offsets)."""
    due_at = due_at.astimezone(ZoneInfo("UTC"))
    row = session.scalars(select(Reminder).where(Reminder.client_id == client_id)
                          .where(Reminder.due_at == due_at)).first()
    if row is None:
        row = Reminder(client_id=client_id, due_at=due_at)
        session.add(row)
        session.flush()
    return row


def listing(session: Session, now: datetime, ui: str) -> list[dict]:
    """Every client's owed or next report, overdue first, each with a sentence in the user's language."""
    items = []
    for client in clients_repo.list_clients(session):
        report = status(session, client, now)
        if report is None:
            continue
        row = record(session, client.id, report["due_at"]) if report["overdue"] else None
        hours = client.contact_hours
        zone = ZoneInfo(hours["timezone"]) if hours else ZoneInfo("UTC")
        key = "report_overdue" if report["overdue"] else "report_due"
        sentence = i18n.text(ui, key, cadence=i18n.text(ui, "cadence." + client.report_cadence["every"]),
                             due=i18n.when(report["due_at"], zone, ui),
                             delta=i18n.relative(report["due_at"] - now, ui))
        items.append({"id": row.id if row else None, "client_id": client.id, "client": client.name,
                      "due_at": report["due_at"].isoformat(), "overdue": report["overdue"],
                      "text": f"{client.name}: {sentence}"})
    return sorted(items, key=lambda i: (not i["overdue"], i["due_at"]))


def mark_done(session: Session, reminder_id: int) -> Reminder:
    """Clear a reminder: the report was sent."""
    row = session.get(Reminder, reminder_id) if 1 <= reminder_id <= MAX_ID else None
    if row is None:
        raise TactfulError("not_found", f"no reminder with id {reminder_id}", field="id", status=404)
    row.done_at = row.done_at or utcnow()
    return row


class ReminderJobs:
    """One APScheduler job per client with a report cadence, rebuilt from the clients table."""

    def __init__(self, db: Database):
        from apscheduler.schedulers.background import BackgroundScheduler

        self.db = db
        # Memory job store only: jobs are derived from the clients table, never pickled.
        self.scheduler = BackgroundScheduler(timezone="UTC", job_defaults={"coalesce": True,
                                                                           "misfire_grace_time": None})

    def start(self) -> None:
        """Build the jobs and start the scheduler thread.

        The jobs are rebuilt every few minutes too, so clients changed from the command
        line (another process) are picked up; changes through the API apply at once.
        """
        self.rebuild()
        self.scheduler.add_job(self.rebuild, "interval", minutes=REBUILD_MINUTES, id="rebuild")
        self.scheduler.start()

    def stop(self) -> None:
        """Stop the scheduler thread."""
        self.scheduler.shutdown(wait=False)

    def rebuild(self) -> None:
        """Replace the report jobs with one per client that has a cadence."""
        with self.db.reading() as session:
            wanted = {c.id: c for c in clients_repo.list_clients(session) if c.report_cadence}
            for job in self.scheduler.get_jobs():
                if job.id.startswith("report:") and job.id[len("report:"):] not in wanted:
                    job.remove()
            for client in wanted.values():
                self.schedule(client.id, client.report_cadence, client.contact_hours)

    def schedule(self, client_id: str, cadence: dict | None, hours: dict | None) -> None:
        """(Re)schedule one client's job; no cadence removes it."""
        job_id = f"report:{client_id}"
        if cadence:
            self.scheduler.add_job(self._fire, trigger=_trigger(cadence, hours), id=job_id, args=[client_id],
                                   replace_existing=True)
        elif self.scheduler.get_job(job_id):
            self.scheduler.remove_job(job_id)

    def _fire(self, client_id: str) -> None:
        with self.db.session() as session:
            client = session.get(clients_repo.Client, client_id)
            report = status(session, client, utcnow()) if client is not None else None
            if report and report["overdue"]:
                record(session, client_id, report["due_at"])
                log.info("report due for client %s", client_id)


def _trigger(cadence: dict, hours: dict | None):
    """A cron trigger at the report time, in the client's zone.

    Weekly and fortnightly reports fire on their weekday, the others daily: whether a
    report is really due (the odd week, the right day of the month) is status()'s call.
    """
    from apscheduler.triggers.cron import CronTrigger

    hour, minute = (int(x) for x in cadence.get("at", "09:00").split(":"))
    zone = ZoneInfo(hours["timezone"]) if hours else ZoneInfo("UTC")
    weekday = cadence.get("on") if cadence["every"] in ("week", "fortnight") else None
    return CronTrigger(day_of_week=weekday, hour=hour, minute=minute, timezone=zone)
