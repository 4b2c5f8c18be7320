"""Importing many clients while the service keeps working: all or nothing, in short transactions.

Every row is validated first, and the file is checked against itself (one id, one address per row). Then
the rows are written a batch per transaction, so the service (another process on the same SQLite file)
writes between batches instead of waiting for the whole import. If a batch fails — another writer took an
address in the meantime, the disk filled — the batches already written are undone, so nothing is
half-imported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..errors import TactfulError
from ..storage.database import Database
from ..storage.models import Client
from . import repository as repo
from .model import ClientIn

BATCH = 100  # rows per transaction: a few hundred milliseconds, the longest another writer waits
# The pause between batches. SQLite hands the write lock to no one in particular: a waiting writer polls
# every 100 ms, so an import that begins its next batch at once would win every time and starve the service.
PAUSE_SECONDS = 0.15


@dataclass
class Imported:
    """What an import did: the ids it added, and the clients it replaced as they were before."""

    added: list[str] = field(default_factory=list)
    replaced: dict[str, dict] = field(default_factory=dict)


def check_file(rows: list[tuple[int, ClientIn]], what: str = "the file") -> None:
    """Refuse a file that gives one id, or one address or domain, in two rows (naming both lines)."""
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        keys = [("id", row.id)] if row.id else []
        keys += [("emails", e) for e in row.emails or ()] + [("domains", d) for d in row.domains or ()]
        keys += [("emails", c.email) for c in row.contacts or () if c.email]
        for key in keys:
            if key in seen and seen[key] != line:
                raise TactfulError("duplicate", f"{what}: line {line}: {key[0]} {key[1]!r} is also on line {seen[key]}; "
                                   "each client, address and domain may appear once: nothing was imported",
                                   field=key[0], status=409)
            seen.setdefault(key, line)


def import_clients(db: Database, rows: list[tuple[int, ClientIn]], what: str = "the file") -> Imported:
    """Add (or, for an existing id, replace) every row, a batch per transaction; undo all on any failure."""
    check_file(rows, what)
    done = Imported()
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        if start:
            time.sleep(PAUSE_SECONDS)
        try:
            with db.session() as session:
                _write(session, batch, done, start)
        except Exception as exc:
            _undo(db, done)
            if isinstance(exc, TactfulError):
                raise TactfulError(exc.code, f"{exc.message}; nothing was imported", field=exc.field,
                                   status=exc.status) from None
            raise
    return done


def _write(session, batch: list[tuple[int, ClientIn]], done: Imported, offset: int) -> None:
    added, replaced = [], {}
    for number, (line, data) in enumerate(batch, offset + 1):
        try:
            existing = session.get(Client, data.id) if data.id else None
            if existing is not None:
                replaced.setdefault(data.id, repo.to_dict(existing))
                repo.replace(session, data.id, data)
            else:
                added.append(repo.create(session, data).id)
        except TactfulError as err:
            raise TactfulError(err.code, f"line {line}, client {number} ({data.name}): {err.message}",
                               field=err.field, status=err.status) from None
    session.flush()
    # Noted before the commit: undoing a batch whose commit then failed finds nothing of it, and does no harm.
    done.added += added
    for client_id, before in replaced.items():
        done.replaced.setdefault(client_id, before)


def _undo(db: Database, done: Imported) -> None:
    """Take back what earlier batches wrote: remove the added clients, put the replaced ones back."""
    if not done.added and not done.replaced:
        return
    with db.session() as session:
        for client_id in done.added:
            client = session.get(Client, client_id)
            if client is not None:
                session.delete(client)
        session.flush()
        for client_id, before in done.replaced.items():
            repo.replace(session, client_id, ClientIn.model_validate(before))
