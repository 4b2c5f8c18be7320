"""Clients in the database: create, read, replace, patch, delete, and match recipients."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..errors import TactfulError
from ..fields import ID_PATTERN, MAX_ID
from ..storage import failures
from ..storage.database import utcnow
from ..storage.models import Client, ClientAddress, ClientContact, RecipientChoice
from .addresses import domain_of, is_personal, normalise_email
from .model import ClientFields, ClientIn, slug
from .names import clean_name, fold_name

_EMPTY = {"channels": {}, "notes": ""}
_ID = re.compile(ID_PATTERN)
ID_ATTEMPTS = 20  # writers racing for the same made-up id, each taking the next one
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
    client = session.scalars(_query().where(Client.id == client_id)).first() if _ID.match(client_id) else None
    if client is None:
        raise TactfulError("not_found", f"no client with id {client_id[:80]!r}", field="id", status=404)
    return client


def _free_id(session: Session, name: str) -> str:
    """The name's slug, or its first free numbered form ('acme-2'): one query, however many share the name."""
    base = slug(name)
    taken = set(session.scalars(select(Client.id).where(or_(Client.id == base, Client.id.startswith(f"{base}-")))))
    candidate, n = base, 1
    while candidate in taken:
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
    """Add a client; its id is given or made from its name.

    Two writers adding "Acme" at once both find "acme" free: the one that loses the race takes the next
    free id ("acme-2") instead of failing. A given id that is taken is a 409.
    """
    if data.id is not None and session.get(Client, data.id) is not None:
        raise TactfulError("conflict", f"a client with id {data.id!r} already exists", field="id", status=409)
    for _attempt in range(ID_ATTEMPTS):
        try:
            with session.begin_nested():
                return _insert(session, data.id or _free_id(session, data.name), data)
        except IntegrityError as exc:
            if data.id is not None or failures.clashing_field(exc) != "id":
                raise
    raise failures.busy("the database")


def _insert(session: Session, client_id: str, data: ClientIn) -> Client:
    now = utcnow()
    client = Client(id=client_id, name=data.name, channels={}, notes="", created_at=now, updated_at=now,
                    addresses=[], contacts=[])
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


class AddressBook:
    """Which client each recipient belongs to, read once: the matching rule in one place.

    An address matches by exact address first (the client's own or one of its contacts'), then
    by a remembered "Who is this for?" answer for it, then by company domain (never a free-mail
    domain such as gmail.com). A display name shown without an address matches a remembered
    answer for it, else the one client with a contact of that whole name (none when two have
    one). Plain data only, so it can outlive the transaction that read it (one delivery run).
    """

    def __init__(self, rows: Iterable[tuple[str, str, str]]):
        self._by: dict[tuple[str, str], str] = {}
        self._names: dict[str, set[str]] = {}
        for kind, value, client_id in rows:
            if kind == "contact_name":
                self._names.setdefault(value, set()).add(client_id)
            else:
                self._by.setdefault((kind, value), client_id)

    @classmethod
    def load(cls, session: Session, recipients: list[str] | None = None,
             names: Iterable[str] = ()) -> "AddressBook":
        """The rows these recipients and names could match (a few indexed queries), or all rows when recipients is None."""
        emails = {a for a in map(normalise_email, recipients or ()) if a is not None}
        domains = {domain_of(a) for a in emails}
        keys = {k for k in map(_name_key, names) if k}
        everything = recipients is None
        rows: list[tuple[str, str, str]] = []
        if everything or emails:
            query = select(ClientAddress.kind, ClientAddress.value, ClientAddress.client_id)
            if not everything:
                query = query.where(or_(and_(ClientAddress.kind == "email", ClientAddress.value.in_(emails)),
                                        and_(ClientAddress.kind == "domain", ClientAddress.value.in_(domains))))
            rows += list(session.execute(query))
            contacts = select(ClientContact.email, ClientContact.client_id).where(ClientContact.email.is_not(None))
            if not everything:
                contacts = contacts.where(ClientContact.email.in_(emails))
            rows += [("contact_email", email, cid) for email, cid in session.execute(contacts)]
        if everything or emails or keys:
            wanted = [("address", v) for v in emails] + [("name", k) for k in keys]
            choices = select(RecipientChoice.kind, RecipientChoice.value, RecipientChoice.client_id)
            if not everything:
                choices = choices.where(or_(*(and_(RecipientChoice.kind == k, RecipientChoice.value == v)
                                              for k, v in wanted)))
            rows += [(f"choice_{kind}", value, cid) for kind, value, cid in session.execute(choices)]
        if everything or keys:
            contacts = select(ClientContact.name_key, ClientContact.client_id)
            if not everything:
                contacts = contacts.where(ClientContact.name_key.in_(keys))
            rows += [("contact_name", key, cid) for key, cid in session.execute(contacts)]
        return cls(rows)

    def known_ids(self) -> set[str]:
        """Every client this book holds an address, contact or answer of."""
        return set(self._by.values()) | {cid for ids in self._names.values() for cid in ids}

    def client_id(self, recipient: str) -> str | None:
        """The client one address belongs to, if any."""
        address = normalise_email(recipient)
        if address is None:
            return None
        for kind in ("email", "contact_email", "choice_address"):
            found = self._by.get((kind, address))
            if found is not None:
                return found
        domain = domain_of(address)
        return None if is_personal(domain) else self._by.get(("domain", domain))

    def client_id_for_name(self, name: str) -> str | None:
        """The client a display name shown without an address belongs to, if exactly one."""
        key = _name_key(name)
        if not key:
            return None
        choice = self._by.get(("choice_name", key))
        if choice is not None:
            return choice
        owners = self._names.get(key, set())
        return next(iter(owners)) if len(owners) == 1 else None

    def client_ids(self, recipients: list[str], names: Iterable[str] = ()) -> list[str]:
        """The clients the recipients (then the names) belong to, in order, once each."""
        found: list[str] = []
        for client_id in [self.client_id(r) for r in recipients] + [self.client_id_for_name(n) for n in names]:
            if client_id is not None and client_id not in found:
                found.append(client_id)
        return found


def _name_key(name: object) -> str:
    """The folded whole name a display name matches by, or "" for nothing a person could have written."""
    shown = clean_name(name) if isinstance(name, str) else None
    return fold_name(shown) if shown else ""


def match(session: Session, recipients: list[str], names: Iterable[str] = ()) -> list[Client]:
    """The clients the recipients and display names belong to (AddressBook's rule), in order, once each."""
    names = list(names)
    return [get(session, i) for i in AddressBook.load(session, recipients, names).client_ids(recipients, names)]


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
    row = session.get(RecipientChoice, choice_id) if 1 <= choice_id <= MAX_ID else None
    if row is None:
        raise TactfulError("not_found", f"no remembered choice with id {choice_id}", field="id", status=404)
    session.delete(row)
