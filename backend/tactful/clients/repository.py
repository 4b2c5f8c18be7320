"""Clients in the database: create, read, replace, patch, delete, and match recipients."""

from __future__ import annotations

from sqlalchemy import select
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


def match(session: Session, recipients: list[str]) -> list[Client]:
    """The clients the recipients belong to: exact address first, then company domain; in order, once each."""
    found: list[Client] = []
    for recipient in recipients:
        address = normalise_email(recipient)
        if address is None:
            continue
        row = session.scalars(select(ClientAddress).where(ClientAddress.kind == "email",
                                                          ClientAddress.value == address)).first()
        domain = domain_of(address)
        if row is None and not is_personal(domain):
            row = session.scalars(select(ClientAddress).where(ClientAddress.kind == "domain",
                                                              ClientAddress.value == domain)).first()
        if row is not None and all(c.id != row.client_id for c in found):
            found.append(get(session, row.client_id))
    return found
