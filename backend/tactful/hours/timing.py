"""Who receives a message and when it may arrive: the one place analysis, /v1/timing and delivery ask.

The clients are the given client ids that exist, then whoever the recipients belong to
(`clients.repository.AddressBook`: exact address, then company domain); the instant must be
inside every one of those clients' contact hours and the user's own (`PUT /v1/me`), named "you".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import TactfulError
from . import Hours, is_inside, next_common_window, parse_hours

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def send_instant(client_hours: dict[str, Hours], own: Hours | None, at: datetime) -> dict:
    """Whether `at` is inside all the hours that apply, and the earliest instant that is.

    The user's own hours count too (named "you" in a conflict), so a reply written at
    midnight is timed to arrive when both sides are working. The answer is written in the
    offset `at` was given in.
    """
    schedules = dict(client_hours)
    if own is not None:
        schedules["you"] = own
    within = all(is_inside(h, at) for h in schedules.values())
    send_at = at if within else next_common_window(schedules, at).astimezone(at.tzinfo)
    return {"within": within, "send_at": send_at.isoformat()}


@dataclass(frozen=True)
class ClientHours:
    """A matched client as timing needs it: plain data, valid after the transaction that read it."""

    id: str
    name: str
    hours: Hours | None


@dataclass(frozen=True)
class Audience:
    """The clients a message goes to and whose hours it must arrive in, plus the user's own."""

    clients: tuple[ClientHours, ...]
    own: Hours | None

    @property
    def client_ids(self) -> list[str]:
        """Every matched client, given ids first."""
        return [c.id for c in self.clients]

    @property
    def with_hours(self) -> list[ClientHours]:
        """The matched clients that have agreed contact hours."""
        return [c for c in self.clients if c.hours is not None]

    def client_schedules(self) -> dict[str, Hours]:
        """Each client's hours by name (a name two clients share gets the id too, so none is lost)."""
        names = [c.name for c in self.with_hours]
        return {(c.name if names.count(c.name) == 1 else f"{c.name} ({c.id})"): c.hours for c in self.with_hours}

    def schedules(self) -> dict[str, Hours]:
        """Every schedule that applies: the clients' and "you"."""
        out = self.client_schedules()
        if self.own is not None:
            out["you"] = self.own
        return out

    def inside(self, at: datetime) -> bool:
        """Whether the instant is inside every schedule."""
        return all(is_inside(h, at) for h in self.schedules().values())

    def place(self, at: datetime) -> datetime:
        """`at` if it is inside every schedule, else the earliest instant after it that is (UTC)."""
        return at if self.inside(at) else next_common_window(self.schedules(), at)

    def timing(self, at: datetime) -> dict | None:
        """The /v1/analyze `timing`: None unless a matched client has hours; the answer in `at`'s offset.

        Hours that open no common window within a year make `within` and `send_at` null with the reason in
        `error`: the draft's findings are answered all the same.
        """
        if not self.with_hours:
            return None
        ids = [c.id for c in self.with_hours]
        try:
            instant = send_instant(self.client_schedules(), self.own, at)
        except TactfulError as err:
            return {"client_id": ids[0], "client_ids": ids, "within": None, "send_at": None,
                    "error": err.to_dict()["error"]}
        return {"client_id": ids[0], "client_ids": ids, **instant}


class Roster:
    """Clients' addresses and hours and the user's own hours, read in one transaction, kept as plain data.

    One roster serves one request, or one delivery run of thousands of messages without a query each.
    """

    def __init__(self, session: Session, recipients: list[str] | None = None, client_ids: Iterable[str] = (),
                 names: Iterable[str] = ()):
        from ..profile import me
        from ..clients import repository as clients_repo

        self.book = clients_repo.AddressBook.load(session, recipients, names)
        query = clients_repo.Client.id.in_({*client_ids, *self.book.known_ids()}) \
            if recipients is not None else None
        rows = session.execute(_client_rows(query))
        self._clients = {cid: (name, hours) for cid, name, hours in rows}
        self._compiled: dict[str, Hours | None] = {}
        self.own = me.own_hours(me.get(session))

    def _client(self, client_id: str) -> ClientHours:
        name, hours = self._clients[client_id]
        if client_id not in self._compiled:
            self._compiled[client_id] = parse_hours(hours) if hours else None
        return ClientHours(client_id, name, self._compiled[client_id])

    def audience(self, recipients: list[str], client_ids: Iterable[str] = (), names: Iterable[str] = ()) -> Audience:
        """Who the message is for: the given ids that still exist, then the recipients' and names' clients."""
        ids = [i for i in dict.fromkeys(client_ids) if i in self._clients]
        ids += [i for i in self.book.client_ids(recipients, names) if i not in ids and i in self._clients]
        return Audience(tuple(self._client(i) for i in ids), self.own)


def _client_rows(where):
    from sqlalchemy import select

    from ..storage.models import Client

    query = select(Client.id, Client.name, Client.contact_hours)
    return query if where is None else query.where(where)


def audience(session: Session, recipients: list[str], client_ids: Iterable[str] = (),
             names: Iterable[str] = ()) -> Audience:
    """Who a message to these recipients (and given client ids, and names shown alone) is for, and whose hours apply."""
    client_ids, names = list(client_ids), list(names)
    return Roster(session, recipients, client_ids, names).audience(recipients, client_ids, names)
