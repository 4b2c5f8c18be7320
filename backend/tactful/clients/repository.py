"""Clients in the database: create, read, replace, patch, delete, and match recipients."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..errors import TactfulError
from ..storage.database import utcnow
from ..storage.models import Client, ClientAddress, ClientContact, RecipientChoice
from .addresses import domain_of, is_personal, normalise_email
from .model import ClientFields, ClientIn, slug
from .names import clean_name, fold_name

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
        "contacts": [{"name": c.name, "email": c.email} for c in client.contacts],
    }


def _query():
    return select(Client).options(selectinload(Client.addresses), selectinload(Client.contacts))


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


def _owner_of(session: Session, address: str) -> str | None:
    """The client an address already identifies, as one of its emails or a contact's."""
    row = session.scalars(select(ClientAddress).where(ClientAddress.kind == "email",
                                                      ClientAddress.value == address)).first()
    if row is not None:
        return row.client_id
    contact = session.scalars(select(ClientContact).where(ClientContact.email == address)).first()
    return contact.client_id if contact is not None else None


def _check_owners(session: Session, client_id: str, emails: list[str], domains: list[str],
                  contacts: list[dict]) -> None:
    """Refuse an address or domain that already identifies another client (409 naming it)."""
    taken = [(f"emails.{i}", v, _owner_of(session, v)) for i, v in enumerate(emails)]
    taken += [(f"contacts.{i}.email", c["email"], _owner_of(session, c["email"]))
              for i, c in enumerate(contacts) if c.get("email")]
    for i, value in enumerate(domains):
        row = session.scalars(select(ClientAddress).where(ClientAddress.kind == "domain",
                                                          ClientAddress.value == value)).first()
        taken.append((f"domains.{i}", value, row.client_id if row is not None else None))
    for field, value, owner in taken:
        if owner is not None and owner != client_id:
            raise TactfulError("conflict", f"{field}: {value} already belongs to client {owner!r}",
                               field=field, status=409)


def _set_addresses(client: Client, emails: list[str], domains: list[str]) -> None:
    client.addresses = [ClientAddress(kind="email", value=v, position=i) for i, v in enumerate(emails)] + [
        ClientAddress(kind="domain", value=v, position=i) for i, v in enumerate(domains)]


def _set_contacts(client: Client, contacts: list[dict]) -> None:
    client.contacts = [ClientContact(name=c["name"], name_key=fold_name(c["name"]), email=c.get("email"), position=i)
                       for i, c in enumerate(contacts)]


def _apply(session: Session, client: Client, data: dict) -> None:
    emails = data.get("emails", [a.value for a in client.addresses if a.kind == "email"]) or []
    domains = data.get("domains", [a.value for a in client.addresses if a.kind == "domain"]) or []
    contacts = data.get("contacts", [{"name": c.name, "email": c.email} for c in client.contacts]) or []
    _check_owners(session, client.id, emails, domains, contacts)
    if "contacts" in data:
        client.contacts.clear()
        session.flush()
        _set_contacts(client, contacts)
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
                    created_at=now, updated_at=now, addresses=[], contacts=[])
    session.add(client)
    _apply(session, client, _full(data))
    session.flush()
    return client


def _full(data: ClientIn) -> dict:
    values = data.model_dump(mode="json", exclude={"id"})
    values["emails"] = values["emails"] or []
    values["domains"] = values["domains"] or []
    values["contacts"] = values["contacts"] or []
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


def _by_address(session: Session, address: str) -> str | None:
    """Exact address (the client's or a contact's), then a remembered choice, then the company domain."""
    owner = _owner_of(session, address)
    if owner is not None:
        return owner
    choice = remembered(session, "address", address)
    if choice is not None:
        return choice
    domain = domain_of(address)
    if is_personal(domain):
        return None
    row = session.scalars(select(ClientAddress).where(ClientAddress.kind == "domain",
                                                      ClientAddress.value == domain)).first()
    return row.client_id if row is not None else None


def _by_name(session: Session, name: str) -> str | None:
    """A remembered choice for the name, else the one client with a contact of that whole name (none if two do)."""
    shown = clean_name(name) if isinstance(name, str) else None
    key = fold_name(shown) if shown else ""
    if not key:
        return None  # nothing a person could have written (empty, control characters, lone surrogates)
    choice = remembered(session, "name", key)
    if choice is not None:
        return choice
    owners = set(session.scalars(select(ClientContact.client_id).where(ClientContact.name_key == key)))
    return owners.pop() if len(owners) == 1 else None


def match(session: Session, recipients: list[str], names: list[str] | tuple[str, ...] = ()) -> list[Client]:
    """The clients the recipients belong to, in order, once each: addresses first, then names shown alone."""
    found: list[Client] = []
    ids = [_by_address(session, a) for a in filter(None, (normalise_email(r) for r in recipients))]
    ids += [_by_name(session, n) for n in names]
    for client_id in ids:
        if client_id is not None and all(c.id != client_id for c in found):
            found.append(get(session, client_id))
    return found


# ------------------------------------------------------------------------------------ remembered choices

def choice_key(recipient: str) -> tuple[str, str]:
    """("address", lower-case address) for an address, else ("name", folded name)."""
    address = normalise_email(recipient)
    return ("address", address) if address is not None and "@" in recipient else ("name", fold_name(recipient))


def remembered(session: Session, kind: str, value: str) -> str | None:
    """The client a remembered choice names for this address or folded name, if any."""
    row = session.scalars(select(RecipientChoice).where(RecipientChoice.kind == kind,
                                                        RecipientChoice.value == value)).first()
    return row.client_id if row is not None else None


def choice_dict(row: RecipientChoice) -> dict:
    """The public JSON shape of a remembered choice."""
    return {"id": row.id, "recipient": row.label, "kind": row.kind, "client_id": row.client_id,
            "created_at": row.created_at.isoformat(), "updated_at": row.updated_at.isoformat()}


def list_choices(session: Session) -> list[RecipientChoice]:
    """Every remembered choice, newest first."""
    return list(session.scalars(select(RecipientChoice).order_by(RecipientChoice.updated_at.desc(),
                                                                 RecipientChoice.id.desc())))


def remember(session: Session, recipient: str, client_id: str) -> tuple[RecipientChoice, bool]:
    """Remember that this address or name is this client (replacing an older answer); (row, created)."""
    get(session, client_id)
    kind, value = choice_key(recipient)
    if not value:
        raise TactfulError("invalid_field", "recipient: give an address or a display name", field="recipient",
                           status=422)
    now = utcnow()
    find = select(RecipientChoice).where(RecipientChoice.kind == kind, RecipientChoice.value == value)
    row = session.scalars(find).first()
    created = row is None
    if created:
        try:
            with session.begin_nested():  # two writers at once: the second one updates the first one's row
                row = RecipientChoice(kind=kind, value=value, label=recipient, client_id=client_id, created_at=now,
                                      updated_at=now)
                session.add(row)
        except IntegrityError:
            row, created = session.scalars(find).one(), False
    row.label, row.client_id, row.updated_at = recipient, client_id, now
    session.flush()
    return row, created


def forget(session: Session, choice_id: int) -> None:
    """Forget one remembered choice, or 404 naming it."""
    row = session.get(RecipientChoice, choice_id)
    if row is None:
        raise TactfulError("not_found", f"no remembered choice with id {choice_id}", field="id", status=404)
    session.delete(row)
