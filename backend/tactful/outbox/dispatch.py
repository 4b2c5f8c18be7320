"""Deliver due messages: at most once, re-checked against contact hours at the moment of sending, each on its own.

A message that cannot be built, placed or sent ends `failed` (or waits for its retry) with the
reason in its history, and the others go on. Each message is read as plain data (`Outgoing`) and
changed only by guarded single-statement updates, so no session object outlives the transaction
that loaded it. A mail server that cannot be reached at all stops the run (`Run.down`): the
dispatcher backs off instead of dialling once per due message.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, or_, select, update

from ..errors import TactfulError
from ..storage.database import Database, as_utc, checkpoint, utcnow
from ..storage.models import ScheduledMessage as SM
from ..hours.timing import Audience, Roster
from . import mime, store
from .transports import HandoverUnknown, PermanentError, TransientError, TransportDown, as_transports

log = logging.getLogger("tactful.outbox")
LATE_AFTER = timedelta(seconds=60)  # without a known start time: this late past its instant counts as missed
RETRY_BASE = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)
BATCH = 500


@dataclass
class Outgoing:
    """One due message as plain data: what it takes to place, build, send and record it."""

    id: str
    status: str
    via: str
    sender: str | None
    to: list
    cc: list
    bcc: list
    subject: str
    text: str | None
    html: str | None
    in_reply_to: str | None
    references: str | None
    client_ids: list
    message_id: str
    send_at: datetime  # as stored (the guard compares it unchanged)
    attempts: int
    late: bool
    history: list

    @property
    def recipients(self) -> list[str]:
        """Every address the message goes to."""
        return self.to + self.cc + self.bcc


_COLUMNS = [getattr(SM, f.name) for f in fields(Outgoing)]


@dataclass
class Run:
    """What one delivery run did; `down` holds the reason when the mail server could not be reached."""

    outcomes: dict[str, int] = field(default_factory=dict)
    down: str | None = None
    delivered_via: set[str] = field(default_factory=set)

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def _load(db: Database, where, limit: int | None = None) -> list[Outgoing]:
    query = select(*_COLUMNS).where(*where).order_by(SM.send_at, SM.id)
    with db.reader.connect() as conn:
        return [Outgoing(*row) for row in conn.execute(query.limit(limit) if limit else query)]


@lru_cache(maxsize=64)
def _guarded_update(columns: tuple[str, ...]):
    """UPDATE … WHERE id, status and send_at are as read, built once per set of columns (10,000 messages due
    at once must not each pay for building a statement)."""
    return (update(SM).where(SM.id == bindparam("w_id"), SM.status == bindparam("w_status"),
                             SM.send_at == bindparam("w_send_at"))
            .values({name: bindparam(f"v_{name}") for name in columns}))


def _change(db: Database, m: Outgoing, expected: str, **values) -> bool:
    """Update one message if it is still as read (status and instant), in one statement; whether it was."""
    values.setdefault("updated_at", utcnow())
    params = {"w_id": m.id, "w_status": expected, "w_send_at": m.send_at, **{f"v_{k}": v for k, v in values.items()}}
    with db.engine.begin() as conn:
        result = conn.execute(_guarded_update(tuple(sorted(values))), params)
    return result.rowcount == 1


def _with(m: Outgoing, name: str, **details) -> list:
    return [*m.history, store.event(name, **details)]


def recover(db: Database) -> int:
    """At start: a message left 'sending' was being handed over when the service died — its fate is unknown.

    It is never resent silently: the user chooses to resend or drop it.
    """
    orphans = _load(db, [SM.status == "sending"])
    for m in orphans:
        _change(db, m, "sending", status="unknown", history=_with(
            m, "unknown", reason="the service stopped while handing this message to the mail server; it may or "
            "may not have gone out: resend or drop it"))
    return len(orphans)


def _missed(due: datetime, now: datetime, started_at: datetime | None) -> bool:
    """Whether a message came due while no sender was running (before this one started)."""
    return due < started_at if started_at is not None else now - due > LATE_AFTER


def _place(m: Outgoing, who: Audience, now: datetime, started_at: datetime | None) -> tuple[dict | None, dict]:
    """Re-check the hours at the moment of sending: (None, late-notes) to send now, or the move to write."""
    due = as_utc(m.send_at)
    missed = _missed(due, now, started_at)
    if who.inside(now):
        if not missed:
            return None, {}
        return None, {"late": True, "history": _with(m, "late", due_at=due.isoformat(), reason="came due while the "
                                                     "service was not running; still inside the window, so sent "
                                                     "at once")}
    moved = as_utc(who.place(now))
    reason = ("came due while the service was not running and the window has closed" if missed else
              "the recipients' contact hours, holidays or recipients changed since scheduling")
    return {"send_at": moved, "late": m.late or missed,
            "history": _with(m, "moved", due_at=due.isoformat(), send_at=moved.isoformat(), reason=reason)}, {}


def _fail(db: Database, m: Outgoing, expected: str, reason: str) -> str:
    """End a message `failed` with its reason kept (last_error and history)."""
    _change(db, m, expected, status="failed", last_error=reason, history=_with(m, "failed", reply=reason))
    log.warning("message %s failed: %s", m.id, reason)
    return "failed"


def _prepare(m: Outgoing, transports, now: datetime):
    """The envelope to hand over, or the reason this message cannot be sent at all."""
    transport = transports.for_via(m.via)
    if transport is None and m.via == "file":
        return None, "this sender has no file outbox: nothing was written"
    if transport is None:
        return None, ("this service has no mail server (TACTFUL_SMTP_URL is not set): nothing was sent. Set it up "
                      "and retry the message, or send it from your mailbox")
    try:
        envelope = mime.compose(m, now, transport.default_sender)
    except mime.BuildError as exc:
        return None, f"the message could not be built: {exc}"
    if m.via == "smtp" and not envelope.sender:
        return None, "the message could not be built: it has no From address (give from when scheduling it)"
    return (transport, envelope), None


def deliver_one(db: Database, transports, m: Outgoing, who: Audience, started_at: datetime | None = None,
                run: Run | None = None, now: datetime | None = None) -> str:
    """Place, build, claim, send and record one due message; returns its status afterwards (or 'skipped')."""
    now = now or utcnow()
    if m.via == "webmail":  # the webmail's own Schedule send delivers it at its instant; the record follows
        done = _change(db, m, "scheduled", status="sent", sent_at=as_utc(m.send_at), history=_with(
            m, "sent", via="webmail", reason="delivered by the webmail's own Schedule send at this instant"))
        return "sent" if done else "skipped"
    try:
        move, late = _place(m, who, now, started_at)
    except TactfulError as exc:  # the hours no longer meet within a year
        return _fail(db, m, "scheduled", f"no instant inside everyone's contact hours: {exc.message}")
    if move is not None:
        return "scheduled" if _change(db, m, "scheduled", **move) else "skipped"
    history = late.pop("history", m.history)
    prepared, problem = _prepare(m, transports, now)
    if problem:
        return _fail(db, m, "scheduled", problem)
    transport, envelope = prepared
    if not _change(db, m, "scheduled", status="sending", attempts=m.attempts + 1, **late, history=history):
        return "skipped"
    m.history, m.attempts = history, m.attempts + 1
    return _hand_over(db, transport, m, envelope, now, run)


def _hand_over(db: Database, transport, m: Outgoing, envelope, now: datetime, run: Run | None) -> str:
    """Send a claimed message and record the outcome (in the 'sending' state nobody else touches it)."""
    try:
        refused = transport.send(envelope, m.id)
    except TransportDown as exc:
        _change(db, m, "sending", status="scheduled", last_error=str(exc), history=_with(m, "retry", error=str(exc)))
        if run is not None:
            run.down = str(exc)
        return "scheduled"
    except TransientError as exc:
        return _retry(db, m, str(exc), now)
    except PermanentError as exc:
        return _fail(db, m, "sending", str(exc))
    except HandoverUnknown as exc:
        _change(db, m, "sending", status="unknown", last_error=str(exc),
                history=_with(m, "unknown", reason=f"{exc}; resend or drop it"))
        return "unknown"
    refused_text = "; ".join(f"{r}: {code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
                             for r, (code, reply) in refused.items()) or None
    _change(db, m, "sending", status="sent", sent_at=now, last_error=refused_text,
            history=_with(m, "sent", via=m.via, refused=refused_text))
    if run is not None:
        run.delivered_via.add(m.via)
    return "sent"


def _retry(db: Database, m: Outgoing, error: str, now: datetime) -> str:
    """Back to scheduled, later (doubling waits), still inside the hours."""
    from ..hours.timing import audience

    wait = min(RETRY_BASE * 2 ** max(m.attempts - 1, 0), RETRY_MAX)
    with db.session() as session:
        later = as_utc(audience(session, m.recipients, m.client_ids).place(now + wait))
    _change(db, m, "sending", status="scheduled", last_error=error, send_at=later,
            history=_with(m, "retry", error=error, send_at=later.isoformat()))
    return "scheduled"


def deliver(db: Database, transport, message_id: str, now: datetime | None = None,
            started_at: datetime | None = None) -> str:
    """Try to deliver one message if it is due (at `now`, default the present); returns its status afterwards."""
    now = now or utcnow()
    found = _load(db, [SM.id == message_id, SM.status == "scheduled", SM.send_at <= now])
    if not found:
        return "skipped"
    with db.session() as session:
        roster = Roster(session, found[0].recipients, found[0].client_ids)
    m = found[0]
    return deliver_one(db, as_transports(transport), m, roster.audience(m.recipients, m.client_ids), started_at,
                       now=now)


def due(db: Database, now: datetime, limit: int = BATCH) -> list[str]:
    """Ids of scheduled messages whose instant has come, oldest first."""
    return [m.id for m in _load(db, [SM.status == "scheduled", SM.send_at <= now], limit)]


def next_due(db: Database) -> datetime | None:
    """The earliest instant a scheduled message is waiting for."""
    with db.reader.connect() as conn:
        found = conn.execute(select(SM.send_at).where(SM.status == "scheduled").order_by(SM.send_at).limit(1)).first()
    return as_utc(found[0]) if found else None


def deliver_due(db: Database, transport, started_at: datetime | None = None) -> Run:
    """Deliver every message that is due now, over one connection to the mail server.

    One message's failure never stops the others: an unexpected error ends that message `failed`
    with the error's name; only a database that cannot be written (or a mail server that cannot be
    reached) ends the run, for the dispatcher to back off.
    """
    transports, run, after = as_transports(transport), Run(), []
    with transports.batch():
        while run.down is None:
            # Each batch starts after the last message of the one before (send_at, then id), so a message
            # that is still due after its turn (a lost race) waits for the next run instead of looping here.
            batch = _load(db, [SM.status == "scheduled", SM.send_at <= utcnow(), *after], BATCH)
            if not batch:
                break
            with db.reading() as session:
                roster = Roster(session)  # every client read once per batch: plain data
            for m in batch:
                run.count(_isolated(db, transports, m, roster, started_at, run))
                if run.down is not None:
                    break
            last = batch[-1]
            after = [or_(SM.send_at > last.send_at, and_(SM.send_at == last.send_at, SM.id > last.id))]
    return run


def _isolated(db: Database, transports, m: Outgoing, roster: Roster, started_at, run: Run) -> str:
    """deliver_one, with an unexpected error confined to this message (recorded on it as `failed`)."""
    try:
        return deliver_one(db, transports, m, roster.audience(m.recipients, m.client_ids), started_at, run)
    except Exception as exc:  # noqa: BLE001 - one bad message must not stop the others
        reason = f"internal error while delivering: {type(exc).__name__}: {exc}"
        log.debug("delivery of %s failed unexpectedly", m.id, exc_info=True)
        # Not claimed yet: it never went, so it failed. Claimed: it may have gone, so its fate is unknown.
        for expected, outcome in (("scheduled", "failed"), ("sending", "unknown")):
            if _change(db, m, expected, status=outcome, last_error=reason, history=_with(m, outcome, reason=reason)):
                log.warning("message %s is %s: %s", m.id, outcome, reason)
                return outcome
        raise


def purge(db: Database, days: int, now: datetime | None = None, outbox=None) -> int:
    """Drop the bodies of messages sent or cancelled more than `days` ago, and their .eml files; the records stay.

    On SQLite the write-ahead log is then checkpointed and truncated (and deleted content is
    overwritten: secure_delete), so the text leaves the disk.
    """
    cutoff = (now or utcnow()) - timedelta(days=days)
    old = _load(db, [SM.purged_at.is_(None), ((SM.status == "sent") & (SM.sent_at <= cutoff)) |
                     ((SM.status == "cancelled") & (SM.updated_at <= cutoff))])
    for m in old:
        with db.engine.begin() as conn:
            conn.execute(update(SM).where(SM.id == m.id).values(
                text=None, html=None, purged_at=utcnow(), history=_with(m, "purged", reason=f"the body is kept "
                                                                        f"{days} days (TACTFUL_RETENTION_DAYS)")))
        if outbox is not None:
            outbox.path(m.id).unlink(missing_ok=True)
    if old:
        checkpoint(db.engine)
    return len(old)

