"""The one scheduler that sends: APScheduler wakes it at the next due instant; the table is the truth.

APScheduler's traps are avoided by design: no job store survives a restart (jobs are
rebuilt from the messages table), misfires are never dropped (Tactful's own late policy
decides), and a lock — a PostgreSQL advisory lock, or a lock file for SQLite — keeps a
second scheduler waiting as a hot standby instead of sending twice.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from ..storage.database import Database, utcnow
from . import dispatch

log = logging.getLogger("tactful.outbox")
POLL = timedelta(seconds=2)  # picks up messages scheduled by other processes (web workers, the CLI)
_LOCK_KEY = 0x7AC7F02


class SchedulerLock:
    """Held by the process that sends; others wait (hot standby) or run without sending."""

    def __init__(self, db: Database, home: Path):
        self.db, self.home = db, home
        self._connection = None
        self._file = None

    def acquire(self, blocking: bool) -> bool:
        """Take the lock; with blocking=False, say whether it was free."""
        if self.db.engine.dialect.name == "postgresql":
            self._connection = self.db.engine.connect()
            sql = "SELECT pg_advisory_lock(:k)" if blocking else "SELECT pg_try_advisory_lock(:k)"
            got = self._connection.execute(text(sql), {"k": _LOCK_KEY}).scalar()
            got = True if blocking else bool(got)
            if not got:
                self._connection.close()
                self._connection = None
            return got
        self.home.mkdir(parents=True, exist_ok=True)
        self._file = open(self.home / "scheduler.lock", "w")  # noqa: SIM115 - held for the process's life
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            self._file.close()
            self._file = None
            return False

    def release(self) -> None:
        """Let a standby take over."""
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
            self._connection.close()
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class Dispatcher:
    """Delivers due messages when APScheduler wakes it: at the next due instant, and every POLL."""

    def __init__(self, db: Database, transport, retention_days: int = 7):
        from apscheduler.schedulers.background import BackgroundScheduler

        self.db, self.transport, self.retention_days = db, transport, retention_days
        self.scheduler = BackgroundScheduler(timezone="UTC", job_defaults={
            "coalesce": True, "misfire_grace_time": None, "max_instances": 1})
        self._lock = threading.Lock()
        self.started_at = utcnow()

    def start(self) -> None:
        """Mark interrupted sends unknown, then start waking up for due messages."""
        self.started_at = utcnow()
        orphans = dispatch.recover(self.db)
        if orphans:
            log.warning("%d message(s) were being sent when the service stopped: marked unknown", orphans)
        self.scheduler.add_job(self.run, "interval", seconds=POLL.total_seconds(), id="poll")
        self.scheduler.add_job(self.purge, "interval", hours=1, id="purge", next_run_time=utcnow())
        self.scheduler.start()
        self.wake()

    def stop(self) -> None:
        """Stop waking up (a send in progress finishes)."""
        self.scheduler.shutdown(wait=True)

    def wake(self, at: datetime | None = None) -> None:
        """Run at `at` (default: the next due instant), replacing any earlier plan."""
        at = at or dispatch.next_due(self.db)
        if at is not None:
            self.scheduler.add_job(self.run, "date", run_date=max(at, utcnow()), id="due", replace_existing=True)

    def run(self) -> None:
        """Deliver what is due, then sleep until the next due instant."""
        if not self._lock.acquire(blocking=False):
            return  # the other trigger is already delivering
        try:
            dispatch.deliver_due(self.db, self.transport, self.started_at)
        finally:
            self._lock.release()
        self.wake()

    def purge(self) -> None:
        """Drop the bodies of sent messages older than the retention."""
        purged = dispatch.purge(self.db, self.retention_days)
        if purged:
            log.info("purged the bodies of %d sent message(s)", purged)
