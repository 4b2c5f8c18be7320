"""What the database or the disk refused, said as a TactfulError the user can act on.

A unique constraint two writers raced for is a 409 naming the field; a busy, full or read-only database, a
lost server or a full or read-only folder is a 503 naming the folder (or the server), with Retry-After.
Nothing is half-written: the session's transaction was rolled back before the error is shown.
"""

from __future__ import annotations

import errno

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from ..errors import TactfulError

RETRY_AFTER = 2  # seconds: a busy database is free again in well under that
# Unique constraints and the field each protects (SQLite names the columns, PostgreSQL the constraint).
_UNIQUE = (
    (("uq_client_address", "client_addresses.kind"), "emails", "an address or domain given belongs to another client"),
    (("clients_pkey", "clients.id"), "id", "a client with this id was added at the same moment"),
    (("uq_recipient_choice", "recipient_choices.kind"), "recipient", "this recipient was remembered at the same moment"),
    (("uq_reminder_due", "reminders.client_id"), "id", "this reminder was recorded at the same moment"),
)


def _text(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).lower()


def busy(where: str) -> TactfulError:
    """Another writer held the database for longer than a writer waits."""
    return TactfulError("busy", f"the database in {where} is busy with another writer (an import, the other "
                        f"process); nothing was changed: try again in {RETRY_AFTER} s", status=503)


def describe(exc: BaseException, where: str) -> TactfulError | None:
    """The TactfulError for a database or file-system failure, or None when it is neither."""
    if isinstance(exc, IntegrityError):
        return _integrity(exc)
    if isinstance(exc, DataError):
        return TactfulError("invalid_value", "a value cannot be stored by the database (it holds a character or a "
                            "number the database refuses)", status=422)
    if isinstance(exc, (OperationalError, DBAPIError)):
        return _operational(exc, where)
    if isinstance(exc, OSError):
        return _os(exc, where)
    return None


def clashing_field(exc: IntegrityError) -> str | None:
    """The field whose unique constraint the write broke, if it is one of ours."""
    text = _text(exc)
    return next((field for names, field, _what in _UNIQUE if any(name in text for name in names)), None)


def _integrity(exc: IntegrityError) -> TactfulError:
    text = _text(exc)
    for names, field, what in _UNIQUE:
        if any(name in text for name in names):
            return TactfulError("conflict", f"{field}: {what}; nothing was changed", field=field, status=409)
    if "foreign key" in text:
        return TactfulError("conflict", "client_id: the client was removed at the same moment; nothing was changed",
                            field="client_id", status=409)
    return TactfulError("conflict", "conflicts with what another writer stored at the same moment; nothing was "
                        "changed", status=409)


def _operational(exc: DBAPIError, where: str) -> TactfulError:
    text = _text(exc)
    if "locked" in text or "busy" in text:
        return busy(where)
    if "disk is full" in text or "no space left" in text or "could not extend file" in text:
        return TactfulError("disk_full", f"the disk holding the database in {where} is full; nothing was stored: "
                            "free some space", field="TACTFUL_HOME", status=503)
    if "readonly" in text or "read-only" in text:
        return TactfulError("read_only", f"the database in {where} cannot be written (read-only); nothing was "
                            "stored: make the folder writable", field="TACTFUL_HOME", status=503)
    if "unable to open" in text or "disk i/o" in text:
        return TactfulError("database_unavailable", f"the database in {where} cannot be read or written (the folder "
                            "is missing, unreadable or on a failing disk)", field="TACTFUL_HOME", status=503)
    return TactfulError("database_unavailable", f"the database ({where}) cannot be reached: "
                        f"{type(getattr(exc, 'orig', exc)).__name__}", field="TACTFUL_DATABASE_URL", status=503)


def _os(exc: OSError, where: str) -> TactfulError | None:
    path = exc.filename or where
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return TactfulError("disk_full", f"the disk holding {path} is full; nothing was stored: free some space",
                            field="TACTFUL_HOME", status=503)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return TactfulError("read_only", f"{path} cannot be written ({exc.strerror}); nothing was stored",
                            field="TACTFUL_HOME", status=503)
    return None
