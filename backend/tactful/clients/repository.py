"""Clients in the database: create, read, replace, patch, delete, and match recipients."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from ..errors import TactfulError
from ..storage.database import utcnow
from ..storage.models import Client, ClientAddress
from .addresses import domain_of, is_personal, normalise_email
from .model import ClientFields, ClientIn, slug

_EMPTY = {"channels": {}, "notes": ""}
FIELDS = ("name", "language", "formality", "contact_hours", "channels", "report_cadence", "notes")


def to_dict(client: Client) -> dict:
    """The public JSON shape of a client."""
    return {
        "id": client.id,
        "name": client.name,
        "emails": [a.value for a in client.addresses if a.kind == "email"],
        "domains": [a.value for a in client.addresses if a.kind == "domain"],
        "language": client.language,
        "formality": client.formality,
        "contact_hours": client.contact_hours,
        "channels": client.channels or {},
        "report_cadence": client.report_cadence,
        "notes": client.notes or "",
    }


def _query():
    return select(Client).options(selectinload(Client.addresses))


def list_clients(session: Session) -> list[Client]:
    """Every client, by name."""
    return list(session.scalars(_query().order_by(Client.name, Client.id)))


def get(session: Session, client_id: str) -> Client:
    """One client, or a 404 naming the id."""
    client = session.scalars(_query().where(Client.id == client_id)).first()
    if client is None:
        raise TactfulError("not_found", f"no client with id {client_id!r}", field="id", status=404)
    return client


def _free_id(session: Session, name: str) -> str:
    base = slug(name)
    candidate, n = base, 1
    while session.get(Client, candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _check_owners(session: Session, client_id: str, emails: list[str], domains: list[str]) -> None:
    """Refuse an address or domain that already identifies another client (409 naming it)."""
    for kind, values in (("email", emails), ("domain", domains)):
        for i, value in enumerate(values):
            owner = session.scalars(select(ClientAddress).where(ClientAddress.kind == kind,
                                                                ClientAddress.value == value)).first()
            if owner is not None and owner.client_id != client_id:
                field = f"{kind}s.{i}"
                raise TactfulError("conflict", f"{field}: {value} already belongs to client {owner.client_id!r}",
                                   field=field, status=409)


def _set_addresses(client: Client, emails: list[str], domains: list[str]) -> None:
    client.addresses = [ClientAddress(kind="email", value=v, position=i) for i, v in enumerate(emails)] + [
        ClientAddress(kind="domain", value=v, position=i) for i, v in enumerate(domains)]


def _apply(session: Session, client: Client, data: dict) -> None:
    emails = data.get("emails", [a.value for a in client.addresses if a.kind == "email"]) or []
    domains = data.get("domains", [a.value for a in client.addresses if a.kind == "domain"]) or []
    _check_owners(session, client.id, emails, domains)
    for name in FIELDS:
        if name in data:
            value = data[name]
            setattr(client, name, _EMPTY[name] if value is None and name in _EMPTY else value)
    if "emails" in data or "domains" in data:
        client.addresses.clear()
        session.flush()
        _set_addresses(client, emails, domains)
    client.updated_at = utcnow()


def create(session: Session, data: ClientIn) -> Client:
    """Add a client; its id is given or made from its name."""
    if data.id is not None and session.get(Client, data.id) is not None:
        raise TactfulError("conflict", f"a client with id {data.id!r} already exists", field="id", status=409)
    now = utcnow()
    client = Client(id=data.id or _free_id(session, data.name), name=data.name, channels={}, notes="",
                    created_at=now, updated_at=now, addresses=[])
    session.add(client)
    _apply(session, client, _full(data))
    session.flush()
    return client


def _full(data: ClientIn) -> dict:
    values = data.model_dump(mode="json", exclude={"id"})
    values["emails"] = values["emails"] or []
    values["domains"] = values["domains"] or []
    return values


def replace(session: Session, client_id: str, data: ClientIn) -> Client:
    """Replace every field of a client (PUT)."""
    if data.id is not None and data.id != client_id:
        raise TactfulError("invalid_field", "id cannot be changed", field="id", status=422)
    client = get(session, client_id)
    _apply(session, client, _full(data))
    session.flush()
    return client


def patch(session: Session, client_id: str, data: ClientFields) -> Client:
    """Change only the given fields of a client (PATCH)."""
    client = get(session, client_id)
    changes = data.model_dump(mode="json", exclude_unset=True)
    if "name" in changes and changes["name"] is None:
        raise TactfulError("invalid_field", "name cannot be empty", field="name", status=422)
    _apply(session, client, changes)
    session.flush()
    return client


def delete(session: Session, client_id: str) -> None:
    """Remove a client (its addresses and reminders go with it)."""
    session.delete(get(session, client_id))


class AddressBook:
    """Which client each address and company domain belongs to, read once: the matching rule in one place.

    A recipient matches by exact address first, then by company domain (never a free-mail domain such
    as gmail.com). Plain data only, so it can outlive the transaction that read it (one delivery run).
    """

    def __init__(self, rows: Iterable[tuple[str, str, str]]):
        self._by = {(kind, value): client_id for kind, value, client_id in rows}

    @classmethod
    def load(cls, session: Session, recipients: list[str] | None = None) -> "AddressBook":
        """The rows these recipients could match (two indexed queries), or every row when recipients is None."""
        query = select(ClientAddress.kind, ClientAddress.value, ClientAddress.client_id)
        if recipients is not None:
            emails = {a for a in map(normalise_email, recipients) if a is not None}
            domains = {domain_of(a) for a in emails}
            if not emails:
                return cls(())
            query = query.where(or_(and_(ClientAddress.kind == "email", ClientAddress.value.in_(emails)),
                                    and_(ClientAddress.kind == "domain", ClientAddress.value.in_(domains))))
        return cls(session.execute(query))

    def known_ids(self) -> set[str]:
        """Every client this book holds an address or domain of."""
        return set(self._by.values())

    def client_id(self, recipient: str) -> str | None:
        """The client one recipient belongs to, if any."""
        address = normalise_email(recipient)
        if address is None:
            return None
        found = self._by.get(("email", address))
        domain = domain_of(address)
        return found if found is not None or is_personal(domain) else self._by.get(("domain", domain))

    def client_ids(self, recipients: list[str]) -> list[str]:
        """The clients the recipients belong to, in order, once each."""
        found: list[str] = []
        for recipient in recipients:
            client_id = self.client_id(recipient)
            if client_id is not None and client_id not in found:
                found.append(client_id)
        return found


def match(session: Session, recipients: list[str]) -> list[Client]:
    """The clients the recipients belong to: exact address first, then company domain; in order, once each."""
    return [get(session, i) for i in AddressBook.load(session, recipients).client_ids(recipients)]
