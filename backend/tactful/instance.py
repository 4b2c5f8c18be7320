"""The instance folder (TACTFUL_HOME) is private: the folder and the outbox 0700, Tactful's files in them 0600.

It holds the token, the database with scheduled messages' bodies, and the file outbox: nothing
another user of the machine may read.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import TactfulError

FOLDER_MODE, FILE_MODE = 0o700, 0o600


def private_folder(folder: Path) -> Path:
    """Create the folder (and missing parents) as 0700, or narrow an existing one that is ours to 0700."""
    if not folder.exists():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _narrow(folder, FOLDER_MODE)
    return folder


def private_file(path: Path) -> Path:
    """Create the file empty as 0600 if it is missing, or narrow an existing one that is ours to 0600."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    _narrow(path, FILE_MODE)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write a file atomically (a temporary 0600 file renamed into place)."""
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(temporary, path)


# What Tactful itself keeps in the instance folder. Only these are narrowed: TACTFUL_HOME may name a folder
# that holds other things too, and those are not Tactful's to change.
OWN_FILES = ("token", "tactful.db", "tactful.db-wal", "tactful.db-shm", "tactful.db-journal", "migrate.lock",
             "scheduler.lock", "extension-seen.json")


def secure_home(home: Path) -> Path:
    """Make the instance folder private: it and the outbox 0700; the token, database, locks and .eml files 0600.

    A folder that cannot be made or written (read-only, full, not ours) is an error naming it, before
    anything else is tried there.
    """
    try:
        private_folder(home)
        _probe(home)
    except OSError as exc:
        raise TactfulError("instance_folder", f"the instance folder {home} cannot be used: {exc.strerror or exc}. "
                           "Tactful keeps its token, database and outbox there: make it writable (and free some "
                           "space), or set TACTFUL_HOME to a folder you can write", field="TACTFUL_HOME") from None
    for name in OWN_FILES:
        _narrow(home / name, FILE_MODE)
    outbox = home / "outbox"
    if outbox.is_dir():
        _narrow(outbox, FOLDER_MODE)
        for eml in outbox.glob("*.eml"):
            _narrow(eml, FILE_MODE)
    return home


def _probe(folder: Path) -> None:
    """Write and remove a small file: a read-only or full folder fails here, not halfway through the start."""
    probe = folder / f".tactful-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.write(fd, b"tactful")
        finally:
            os.close(fd)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(probe)


def _narrow(path: Path, mode: int) -> None:
    """Take away every permission beyond `mode` from a path this user owns (others' paths are left alone)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if info.st_uid != os.geteuid() or path.is_symlink():
        return
    if info.st_mode & 0o777 & ~mode:
        with contextlib.suppress(OSError):
            os.chmod(path, info.st_mode & 0o777 & mode)
