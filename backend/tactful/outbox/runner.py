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

from ..errors import TactfulError
from ..instance import private_file, private_folder
from ..storage.database import Database, utcnow
from . import dispatch, status
from .transports import as_transports

log = logging.getLogger("tactful.outbox")
POLL = timedelta(seconds=2)  # picks up messages scheduled by other processes (web workers, the CLI)
BACKOFF_MIN, BACKOFF_MAX = timedelta(seconds=2), timedelta(minutes=5)
REVERIFY = timedelta(minutes=5)  # while the transport is not verified
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
        lock = private_file(private_folder(self.home) / "scheduler.lock")
        self._file = open(lock, "w")  # noqa: SIM115 - held for the process's life
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
    """Delivers due messages when APScheduler wakes it: at the next due instant, and every POLL.

    When a run cannot finish (the database or the mail server is unreachable) it backs off — 2 s,
    4 s, … up to BACKOFF_MAX — instead of spinning, and logs only when the back-off grows or ends,
    so the log stays bounded however long the outage.
    """

    def __init__(self, db: Database, transport, retention_days: int = 7):
        from apscheduler.schedulers.background import BackgroundScheduler

        self.db, self.transports, self.retention_days = db, as_transports(transport), retention_days
        self.scheduler = BackgroundScheduler(timezone="UTC", job_defaults={
            "coalesce": True, "misfire_grace_time": None, "max_instances": 1})
        self._lock = threading.Lock()
        self.started_at = utcnow()
        self.runs = 0  # delivery runs that did something or found nothing: idle means this stops growing fast
        self._backoff: timedelta | None = None
        self._resume_at: datetime | None = None
        self._verified: bool | None = None
        self._heard = utcnow()

    def start(self) -> None:
        """Mark interrupted sends unknown, record the transport, then start waking up for due messages."""
        self.started_at = utcnow()
        orphans = dispatch.recover(self.db)
        if orphans:
            log.warning("%d message(s) were being sent when the service stopped: marked unknown", orphans)
        status.started(self.db, self.transports.configured)
        self.scheduler.add_job(self.run, "interval", seconds=POLL.total_seconds(), id="poll")
        self.scheduler.add_job(self.purge, "interval", hours=1, id="purge", next_run_time=utcnow())
        self.scheduler.add_job(self.verify, "interval", seconds=REVERIFY.total_seconds(), id="verify",
                               next_run_time=utcnow())
        self.scheduler.start()
        self.wake()

    def stop(self) -> None:
        """Stop waking up (a send in progress finishes); say that nobody delivers now."""
        self.scheduler.shutdown(wait=True)
        with contextlib.suppress(Exception):
            status.stopped(self.db)

    def wake(self, at: datetime | None = None) -> None:
        """Run at `at` (default: the next due instant, not before the back-off ends), replacing any earlier plan."""
        try:
            at = at or dispatch.next_due(self.db)
        except Exception:  # noqa: BLE001 - the database is down: the poll (and its back-off) will retry
            return
        if at is not None:
            at = max(at, self._resume_at or at, utcnow())
            self.scheduler.add_job(self.run, "date", run_date=at, id="due", replace_existing=True)

    def run(self) -> None:
        """Deliver what is due, then sleep until the next due instant (or the end of a back-off)."""
        if not self._lock.acquire(blocking=False):
            return  # the other trigger is already delivering
        try:
            if self._resume_at is not None and utcnow() < self._resume_at:
                return
            self.runs += 1
            try:
                result = dispatch.deliver_due(self.db, self.transports, self.started_at)
            except Exception as exc:  # noqa: BLE001 - the database failed: back off, never spin
                self._pause(f"{type(exc).__name__}: {exc}")
                return
            self._after(result)
        finally:
            self._lock.release()
        self.wake()

    def _after(self, result: dispatch.Run) -> None:
        """Back off when the mail server was down; note what real sends proved about it; beat the heart."""
        if result.down is not None:
            self._checked(False, result.down)
            self._pause(result.down)
            return
        if self._backoff is not None:
            log.info("delivering again")
        self._backoff = self._resume_at = None
        if self.transports.configured.kind in result.delivered_via:
            self._checked(True)
        if utcnow() - self._heard >= status.HEARTBEAT:
            self._heard = utcnow()
            with contextlib.suppress(Exception):
                status.heartbeat(self.db)

    def _pause(self, reason: str) -> None:
        """Wait longer before the next run; log when the wait grows, so an outage writes a few lines an hour."""
        grown = min(BACKOFF_MIN if self._backoff is None else self._backoff * 2, BACKOFF_MAX)
        if grown != self._backoff:
            log.warning("delivery paused: %s; next try in %d s", reason, grown.total_seconds())
        self._backoff, self._resume_at = grown, utcnow() + grown

    def _checked(self, ok: bool, error: str | None = None) -> None:
        """Record what is now known about the transport (only when it changed: not a write per message)."""
        if ok == self._verified and ok:
            return
        self._verified = ok
        with contextlib.suppress(Exception):
            status.checked(self.db, ok, error)

    def verify(self) -> None:
        """Check the transport (connect, TLS, login; nothing is sent) at start and while it is not verified."""
        if self._verified:
            return
        try:
            self.transports.configured.verify()
        except TactfulError as err:
            self._checked(False, err.message)
            return
        except Exception as exc:  # noqa: BLE001 - a check must never stop the sender
            self._checked(False, f"{type(exc).__name__}: {exc}")
            return
        self._checked(True)

    def purge(self) -> None:
        """Drop the bodies of sent and cancelled messages older than the retention, and their .eml files."""
        try:
            purged = dispatch.purge(self.db, self.retention_days, outbox=self.transports.file)
        except Exception as exc:  # noqa: BLE001 - the next hourly purge tries again
            log.warning("purging old message bodies failed: %s: %s", type(exc).__name__, exc)
            return
        if purged:
            log.info("purged the bodies of %d message(s)", purged)
