"""A cache of compiled rule packs, so a command does not re-parse YAML and regexes on every start.

An entry is the plain data a pack compiles to (see packcompile.py), stored with `marshal`
under a key that hashes the pack's bytes and path together with everything that decides
what it compiles to: the compiler's own source files, the schema and the Python version.
Any change to a pack, a team pack, the schema or the compiler gives a new key, so an entry
is never stale; only packs that validated and compiled are stored. A cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

FORMAT = 1
KEEP = 64  # entries kept; older ones (packs since edited) are removed when a new one is written
# Modules whose code decides what a pack compiles to.
_COMPILER = ("packcompile.py", "markers.py", "phrases.py", "patterns.py", "folding.py", "checks.py")


def cache_dir() -> Path:
    """The user's cache folder for Tactful (XDG_CACHE_HOME/tactful/rules on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tactful", appauthor=False)) / "rules"


@lru_cache(maxsize=1)
def _fingerprint() -> bytes:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for name in _COMPILER:
        digest.update((here / name).read_bytes())
    digest.update((here.parent / "shared_rules" / "schema.json").read_bytes())
    return digest.digest()


def key(path: Path, content: bytes) -> str:
    """The cache key of one pack file as it is now."""
    digest = hashlib.sha256(_fingerprint())
    digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
    digest.update(content)
    return digest.hexdigest()


def load(name: str):
    """The cached entry, or None (absent, unreadable or from another format)."""
    try:
        data = (cache_dir() / f"{name}.marshal").read_bytes()
        return marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(name: str, entry) -> None:
    """Write an entry atomically; a folder that cannot be written just means no cache."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(entry))
        os.replace(tmp, folder / f"{name}.marshal")
        _prune(folder)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently written entries."""
    entries = sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
