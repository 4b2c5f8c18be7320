"""Deliver due messages: at most once, re-checked against contact hours at the moment of sending."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import select, update

from ..storage.database import Database, as_utc, utcnow
from ..storage.models import ScheduledMessage
from . import store
from .transports import PermanentError, TransientError

log = logging.getLogger("tactful.outbox")
LATE_AFTER = timedelta(seconds=60)  # without a known start time: this late past its instant counts as missed
RETRY_BASE = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)
BATCH = 500


def build(m: ScheduledMessage, now: datetime) -> EmailMessage:
    """The e-mail: Message-ID fixed at creation, Date at the real send time, threading headers kept."""
    email = EmailMessage()
    email["Message-ID"] = m.message_id
    email["Date"] = format_datetime(now)
    if m.sender:
        email["From"] = m.sender
    email["To"] = ", ".join(m.to)
    if m.cc:
        email["Cc"] = ", ".join(m.cc)
    email["Subject"] = m.subject
    if m.in_reply_to:
        email["In-Reply-To"] = m.in_reply_to
    if m.references:
        email["References"] = m.references
    if m.text is not None:
        email.set_content(m.text)
    if m.html is not None:
        if m.text is None:
            email.set_content(m.html, subtype="html")
        else:
            email.add_alternative(m.html, subtype="html")
    return email


def recover(db: Database) -> int:
    """At start: a message left 'sending' was being handed over when the service died — its fate is unknown.

    It is never resent silently: the user chooses to resend or drop it.
    """
    with db.session() as session:
        orphans = list(session.scalars(select(ScheduledMessage).where(ScheduledMessage.status == "sending")))
        for m in orphans:
            m.status = "unknown"
            store.note(m, "unknown", reason="the service stopped while handing this message to the mail server; "
                       "it may or may not have gone out: resend or drop it")
    return len(orphans)


def _schedules(session, m: ScheduledMessage, cache: dict | None) -> dict:
    """The hours that apply to a message now; within one delivery run (seconds long) clients are read once."""
    if cache is None:
        return store.hours_for(session, store.recipients_of(m), m.client_ids)[1]
    if "directory" not in cache:
        cache["directory"] = store.Directory(session)
    return cache["directory"].hours_for(store.recipients_of(m), m.client_ids)[1]


def _missed(due: datetime, now: datetime, started_at: datetime | None) -> bool:
    """Whether a message came due while no sender was running (before this one started)."""
    return due < started_at if started_at is not None else now - due > LATE_AFTER


def _inside_now(m: ScheduledMessage, schedules: dict, now: datetime, started_at: datetime | None) -> bool:
    """Re-check the hours at the moment of sending; move the message (and say why) when they no longer fit."""
    due = as_utc(m.send_at)
    if store.inside_all(schedules, now):
        if _missed(due, now, started_at):
            m.late = True
            store.note(m, "late", due_at=due.isoformat(), reason="came due while the service was not "
                       "running; still inside the window, so sent at once")
        return True
    moved = as_utc(store.place(schedules, now))
    m.send_at = moved
    if _missed(due, now, started_at):
        m.late = True
        reason = "came due while the service was not running and the window has closed"
    else:
        reason = "the recipients' contact hours, holidays or recipients changed since scheduling"
    store.note(m, "moved", due_at=due.isoformat(), send_at=moved.isoformat(), reason=reason)
    return False


def _claim(db: Database, message_id: str, now: datetime, cache: dict | None = None,
           started_at: datetime | None = None):
    """Re-check the hours and move scheduled → sending in one transaction, guarded so only one sender wins.

    Returns the e-mail, its recipients and how it goes, or None when this sender does not send it.
    """
    with db.session() as session:
        m = session.get(ScheduledMessage, message_id)
        if m is None or m.status != "scheduled" or as_utc(m.send_at) > now:
            return None
        if not _inside_now(m, _schedules(session, m, cache), now, started_at):
            return None
        won = session.execute(update(ScheduledMessage)
                              .where(ScheduledMessage.id == message_id, ScheduledMessage.status == "scheduled")
                              .values(status="sending", attempts=ScheduledMessage.attempts + 1, updated_at=now)
                              .execution_options(synchronize_session=False)).rowcount == 1
        return (build(m, now), store.recipients_of(m), m.via) if won else None


def _record(db: Database, message_id: str, outcome: str, detail: str | None, now: datetime) -> None:
    """Write what happened. 'sent' is one UPDATE (the common case, kept cheap); sent_at is its record."""
    with db.session() as session:
        if outcome == "sent":
            session.execute(update(ScheduledMessage).where(ScheduledMessage.id == message_id)
                            .values(status="sent", sent_at=now, last_error=detail, updated_at=now)
                            .execution_options(synchronize_session=False))
            return
        m = session.get(ScheduledMessage, message_id)
        if outcome == "failed":
            m.status, m.last_error = "failed", detail
            store.note(m, "failed", reply=detail)
        else:  # transient: back to scheduled, later, still inside the hours
            _recipients, schedules = store.hours_for(session, store.recipients_of(m), m.client_ids)
            wait = min(RETRY_BASE * 2 ** max(m.attempts - 1, 0), RETRY_MAX)
            m.status, m.last_error = "scheduled", detail
            m.send_at = as_utc(store.place(schedules, now + wait))
            store.note(m, "retry", error=detail, send_at=as_utc(m.send_at).isoformat())


def deliver(db: Database, transport, message_id: str, now: datetime | None = None, cache: dict | None = None,
            started_at: datetime | None = None) -> str:
    """Try to deliver one due message; returns its status afterwards (or 'skipped').

    `started_at` is when this sender started: a message due before it came due while the
    service was not running, and its record says so.
    """
    now = now or utcnow()
    claimed = _claim(db, message_id, now, cache, started_at)
    if claimed is None:
        return "skipped"
    email, recipients, via = claimed
    if via == "webmail":  # the webmail's own Schedule send delivers it; the record just follows
        _record(db, message_id, "sent", None, now)
        return "sent"
    try:
        refused = transport.send(email, recipients, message_id)
    except TransientError as exc:
        _record(db, message_id, "retry", str(exc), now)
        return "scheduled"
    except PermanentError as exc:
        _record(db, message_id, "failed", str(exc), now)
        return "failed"
    detail = "; ".join(f"{rcpt}: {code} {reply!r}" for rcpt, (code, reply) in refused.items()) if refused else None
    _record(db, message_id, "sent", detail, now)
    return "sent"


def due(db: Database, now: datetime, limit: int = BATCH) -> list[str]:
    """Ids of scheduled messages whose instant has come, oldest first."""
    with db.session() as session:
        return list(session.scalars(select(ScheduledMessage.id)
                                    .where(ScheduledMessage.status == "scheduled", ScheduledMessage.send_at <= now)
                                    .order_by(ScheduledMessage.send_at).limit(limit)))


def next_due(db: Database) -> datetime | None:
    """The earliest instant a scheduled message is waiting for."""
    with db.session() as session:
        found = session.scalars(select(ScheduledMessage.send_at).where(ScheduledMessage.status == "scheduled")
                                .order_by(ScheduledMessage.send_at).limit(1)).first()
        return as_utc(found) if found else None


def deliver_due(db: Database, transport, started_at: datetime | None = None) -> None:
    """Deliver every message that is due now, over one connection to the mail server."""
    with transport.batch():
        while True:
            ids, cache = due(db, utcnow()), {}
            for message_id in ids:
                try:
                    deliver(db, transport, message_id, cache=cache, started_at=started_at)
                except Exception:  # noqa: BLE001 - one bad message must not stop the others
                    log.exception("delivery of %s failed unexpectedly", message_id)
            if len(ids) < BATCH:
                return


def purge(db: Database, days: int, now: datetime | None = None) -> int:
    """Drop the bodies of messages sent more than `days` ago; the records stay."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    with db.session() as session:
        old = list(session.scalars(select(ScheduledMessage).where(
            ScheduledMessage.status == "sent", ScheduledMessage.sent_at <= cutoff,
            ScheduledMessage.purged_at.is_(None))))
        for m in old:
            m.text, m.html, m.purged_at = None, None, utcnow()
    return len(old)
