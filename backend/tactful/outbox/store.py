"""Scheduled messages in the database: the truth about every send."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from email.utils import make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clients import repository as clients_repo
from ..clients.addresses import parse_mailbox
from ..errors import TactfulError
from ..storage.database import as_utc, utcnow
from ..storage.models import ScheduledMessage
from ..hours.timing import audience
from .model import ScheduledIn, ScheduledPatch

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
STATUSES = ("scheduled", "sending", "sent", "failed", "unknown", "cancelled")
NO_MAIL_SERVER = ("this service has no mail server (TACTFUL_SMTP_URL is not set), so it would only write an .eml "
                  "file that nobody receives. Schedule it with the webmail's own Schedule send (via \"webmail\"), "
                  "set up SMTP (README: Scheduled delivery), or ask for the file outbox explicitly (via \"file\")")


def to_dict(m: ScheduledMessage) -> dict:
    """The public JSON shape of a scheduled message (model.ScheduledOut)."""
    return {
        "id": m.id, "status": m.status, "via": m.via, "from": m.sender, "to": m.to, "cc": m.cc, "bcc": m.bcc,
        "subject": m.subject, "text": m.text, "html": m.html, "in_reply_to": m.in_reply_to,
        "references": m.references, "client_ids": m.client_ids, "message_id": m.message_id,
        "send_at": as_utc(m.send_at).isoformat(), "attempts": m.attempts, "last_error": m.last_error,
        "late": m.late, "history": m.history, "sent_at": as_utc(m.sent_at).isoformat() if m.sent_at else None,
        "purged": m.purged_at is not None, "created_at": as_utc(m.created_at).isoformat(),
    }


def recipients_of(m) -> list[str]:
    """Every address the message goes to."""
    return m.to + m.cc + m.bcc


def event(name: str, **details) -> dict:
    """One history entry: when, what, and the details that say why (None values left out)."""
    return {"at": utcnow().isoformat(), "event": name, **{k: v for k, v in details.items() if v is not None}}


def note(m: ScheduledMessage, name: str, **details) -> None:
    """Append to the message's history (a new list, so the JSON column is saved)."""
    m.history = [*m.history, event(name, **details)]
    m.updated_at = utcnow()


def _reason(data, instant: datetime, asked: datetime) -> str:
    if data.when:
        return "next window"
    return "requested" if instant == asked else "the requested instant is outside contact hours"


def _sender(data: ScheduledIn, transport) -> str | None:
    """The From address: the message's own, else the SMTP login when it is an address; smtp needs one."""
    sender = data.sender or (getattr(transport, "default_sender", None) if data.via == "smtp" else None)
    if sender is None and data.via == "smtp":
        login = getattr(transport, "user", None)
        why = f"the SMTP login {login!r} is not an e-mail address" if login else "the SMTP server has no login"
        raise TactfulError("missing_field", f"from is required: give the account's address ({why})", field="from",
                           status=422)
    return sender


def create(session: Session, data: ScheduledIn, transport=None) -> ScheduledMessage:
    """Store a message to send at its instant (or the next window); committed before the caller answers.

    `transport` is the one this service delivers with (the SMTP server or the file outbox): a message
    for "smtp" is refused when there is no mail server, rather than written to a file nobody reads.
    """
    if data.via == "smtp" and getattr(transport, "kind", "smtp") != "smtp":
        raise TactfulError("no_mail_server", NO_MAIL_SERVER, field="via", status=422)
    sender = _sender(data, transport)
    if data.client_id:
        clients_repo.get(session, data.client_id)  # 404 naming an unknown client
    who = audience(session, data.to + data.cc + data.bcc, [data.client_id] if data.client_id else [])
    asked = data.send_at or utcnow()
    instant = who.place(asked)
    domain = parse_mailbox(sender).domain if sender else "tactful.invalid"
    now = utcnow()
    message = ScheduledMessage(
        id=str(uuid.uuid4()), status="scheduled", via=data.via, sender=sender, to=data.to, cc=data.cc,
        bcc=data.bcc, subject=data.subject, text=data.text, html=data.html, in_reply_to=data.in_reply_to,
        references=data.references, client_ids=who.client_ids, message_id=make_msgid(domain=domain),
        send_at=as_utc(instant), attempts=0, late=False, history=[], created_at=now, updated_at=now)
    note(message, "scheduled", send_at=instant.isoformat(), reason=_reason(data, instant, asked))
    session.add(message)
    session.flush()
    return message


def listing(session: Session, status: str | None = None) -> list[ScheduledMessage]:
    """Messages, soonest first, optionally of one status."""
    if status is not None and status not in STATUSES:
        raise TactfulError("invalid_value", f"status must be one of {', '.join(STATUSES)}", field="status", status=422)
    query = select(ScheduledMessage).order_by(ScheduledMessage.send_at, ScheduledMessage.id)
    if status:
        query = query.where(ScheduledMessage.status == status)
    return list(session.scalars(query))


def get(session: Session, message_id: str) -> ScheduledMessage:
    """One message, or a 404."""
    message = session.get(ScheduledMessage, message_id) if _UUID.match(message_id) else None
    if message is None:
        raise TactfulError("not_found", f"no scheduled message with id {message_id[:80]!r}", field="id", status=404)
    return message


def _require(message: ScheduledMessage, allowed: tuple[str, ...], action: str) -> None:
    if message.status not in allowed:
        raise TactfulError("conflict", f"cannot {action} a message that is {message.status}", field="status",
                           status=409)


def reschedule(session: Session, message_id: str, data: ScheduledPatch) -> ScheduledMessage:
    """Move a scheduled message; an instant outside contact hours moves on to the next window."""
    message = get(session, message_id)
    _require(message, ("scheduled",), "reschedule")
    asked = data.send_at or utcnow()
    instant = audience(session, recipients_of(message), message.client_ids).place(asked)
    message.send_at = as_utc(instant)
    note(message, "rescheduled", send_at=instant.isoformat(), reason=_reason(data, instant, asked))
    return message


def cancel(session: Session, message_id: str) -> ScheduledMessage:
    """Cancel a message that has not gone out (or drop one whose fate is unknown or failed).

    This is Undo: the answer carries the whole message (body included) so a draft can be put back.
    """
    message = get(session, message_id)
    _require(message, ("scheduled", "unknown", "failed"), "cancel")
    message.status = "cancelled"
    note(message, "cancelled")
    return message


def retry(session: Session, message_id: str) -> ScheduledMessage:
    """Send again a message that failed or whose fate is unknown: at the next window from now."""
    message = get(session, message_id)
    _require(message, ("unknown", "failed"), "retry")
    message.status = "scheduled"
    message.send_at = as_utc(audience(session, recipients_of(message), message.client_ids).place(utcnow()))
    note(message, "retry requested", send_at=as_utc(message.send_at).isoformat())
    return message
