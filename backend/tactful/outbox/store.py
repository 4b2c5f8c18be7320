"""Scheduled messages in the database: the truth about every send."""

from __future__ import annotations

import uuid
from datetime import datetime
from email.utils import make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import me
from ..clients import repository as clients_repo
from ..errors import TactfulError
from ..hours import Hours, is_inside, next_common_window, parse_hours
from ..storage.database import as_utc, utcnow
from ..storage.models import ScheduledMessage
from .model import ScheduledIn, ScheduledPatch

STATUSES = ("scheduled", "sending", "sent", "failed", "unknown", "cancelled")


def to_dict(m: ScheduledMessage) -> dict:
    """The public JSON shape of a scheduled message."""
    return {
        "id": m.id, "status": m.status, "via": m.via, "from": m.sender, "to": m.to, "cc": m.cc, "bcc": m.bcc,
        "subject": m.subject, "text": m.text, "html": m.html, "in_reply_to": m.in_reply_to,
        "references": m.references, "client_ids": m.client_ids, "message_id": m.message_id,
        "send_at": as_utc(m.send_at).isoformat(), "attempts": m.attempts, "last_error": m.last_error,
        "late": m.late, "history": m.history, "sent_at": as_utc(m.sent_at).isoformat() if m.sent_at else None,
        "purged": m.purged_at is not None, "created_at": as_utc(m.created_at).isoformat(),
    }


def recipients_of(m: ScheduledMessage) -> list[str]:
    """Every address the message goes to."""
    return m.to + m.cc + m.bcc


def note(m: ScheduledMessage, event: str, **details) -> None:
    """Append to the message's history (a new list, so the JSON column is saved)."""
    m.history = [*m.history, {"at": utcnow().isoformat(), "event": event, **details}]
    m.updated_at = utcnow()


def hours_for(session: Session, recipients: list[str], client_ids: list[str]) -> tuple[list[str], dict[str, Hours]]:
    """The matched clients' ids and contact hours (by client name), plus the user's own hours as 'you'.

    Clients are the given ids that still exist, then whoever the recipients belong to now,
    so changed hours, holidays or recipients are seen at every re-check.
    """
    clients = [c for c in (session.get(clients_repo.Client, i) for i in client_ids) if c is not None]
    clients += [c for c in clients_repo.match(session, recipients) if all(c.id != k.id for k in clients)]
    schedules = {c.name: parse_hours(c.contact_hours) for c in clients if c.contact_hours}
    own = me.own_hours(me.get(session))
    if own is not None:
        schedules["you"] = own
    return [c.id for c in clients], schedules


class Directory:
    """Every client's addresses, domains and hours, read once: matching thousands of due messages
    without a query each. Same rules as hours_for (exact address, then a company domain)."""

    def __init__(self, session: Session):
        from ..clients.addresses import domain_of, is_personal, normalise_email

        self._normalise, self._domain_of, self._is_personal = normalise_email, domain_of, is_personal
        self.by_email, self.by_domain, self.clients = {}, {}, {}
        for client in clients_repo.list_clients(session):
            self.clients[client.id] = client
            for address in client.addresses:
                (self.by_email if address.kind == "email" else self.by_domain)[address.value] = client.id
        self.own = me.own_hours(me.get(session))
        self._hours: dict[str, Hours] = {}

    def _match(self, recipient: str) -> str | None:
        address = self._normalise(recipient)
        if address is None:
            return None
        domain = self._domain_of(address)
        return self.by_email.get(address) or (None if self._is_personal(domain) else self.by_domain.get(domain))

    def hours_for(self, recipients: list[str], client_ids: list[str]) -> tuple[list[str], dict[str, Hours]]:
        """Like store.hours_for, from memory."""
        ids = [i for i in client_ids if i in self.clients]
        for recipient in recipients:
            found = self._match(recipient)
            if found and found not in ids:
                ids.append(found)
        schedules = {}
        for i in ids:
            client = self.clients[i]
            if client.contact_hours:
                if i not in self._hours:
                    self._hours[i] = parse_hours(client.contact_hours)
                schedules[client.name] = self._hours[i]
        if self.own is not None:
            schedules["you"] = self.own
        return ids, schedules


def inside_all(schedules: dict[str, Hours], at: datetime) -> bool:
    """Whether an instant is inside every schedule."""
    return all(is_inside(h, at) for h in schedules.values())


def place(schedules: dict[str, Hours], at: datetime) -> datetime:
    """`at` if it is inside every schedule, else the earliest instant after it that is."""
    return at if inside_all(schedules, at) else next_common_window(schedules, at)


def create(session: Session, data: ScheduledIn) -> ScheduledMessage:
    """Store a message to send at its instant (or the next window); committed before the caller answers."""
    recipients = data.to + data.cc + data.bcc
    if data.client_id:
        clients_repo.get(session, data.client_id)  # 404 naming an unknown client
    client_ids, schedules = hours_for(session, recipients, [data.client_id] if data.client_id else [])
    asked = data.send_at or utcnow()
    instant = place(schedules, asked)
    domain = (data.sender or "tactful@tactful.invalid").rsplit("@", 1)[1]
    now = utcnow()
    message = ScheduledMessage(
        id=str(uuid.uuid4()), status="scheduled", via=data.via, sender=data.sender, to=data.to, cc=data.cc,
        bcc=data.bcc, subject=data.subject, text=data.text, html=data.html, in_reply_to=data.in_reply_to,
        references=data.references, client_ids=client_ids, message_id=make_msgid(domain=domain),
        send_at=as_utc(instant), attempts=0, late=False, history=[], created_at=now, updated_at=now)
    note(message, "scheduled", send_at=instant.isoformat(),
         reason="next window" if data.when else ("requested" if instant == asked else
                                                 "the requested instant is outside contact hours"))
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
    message = session.get(ScheduledMessage, message_id)
    if message is None:
        raise TactfulError("not_found", f"no scheduled message with id {message_id!r}", field="id", status=404)
    return message


def _require(message: ScheduledMessage, allowed: tuple[str, ...], action: str) -> None:
    if message.status not in allowed:
        raise TactfulError("conflict", f"cannot {action} a message that is {message.status}", field="status",
                           status=409)


def reschedule(session: Session, message_id: str, data: ScheduledPatch) -> ScheduledMessage:
    """Move a scheduled message; an instant outside contact hours moves on to the next window."""
    message = get(session, message_id)
    _require(message, ("scheduled",), "reschedule")
    _client_ids, schedules = hours_for(session, recipients_of(message), message.client_ids)
    asked = data.send_at or utcnow()
    instant = place(schedules, asked)
    message.send_at = as_utc(instant)
    note(message, "rescheduled", send_at=instant.isoformat(),
         reason="next window" if data.when else ("requested" if instant == asked else
                                                 "the requested instant is outside contact hours"))
    return message


def cancel(session: Session, message_id: str) -> ScheduledMessage:
    """Cancel a message that has not gone out (or drop one whose fate is unknown or failed)."""
    message = get(session, message_id)
    _require(message, ("scheduled", "unknown", "failed"), "cancel")
    message.status = "cancelled"
    note(message, "cancelled")
    return message


def retry(session: Session, message_id: str) -> ScheduledMessage:
    """Send again a message that failed or whose fate is unknown: at the next window from now."""
    message = get(session, message_id)
    _require(message, ("unknown", "failed"), "retry")
    _client_ids, schedules = hours_for(session, recipients_of(message), message.client_ids)
    message.status = "scheduled"
    message.send_at = as_utc(place(schedules, utcnow()))
    note(message, "retry requested", send_at=as_utc(message.send_at).isoformat())
    return message
