"""When the browser extension last talked to the service, kept in the instance folder for `tactful doctor`."""

from __future__ import annotations

import json
import os
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

FILE = "extension-seen.json"
EVERY = 60.0  # seconds between writes: a busy extension must not mean a write per request
_last_write: dict[Path, float] = {}


def record(home: Path, origin: str) -> None:
    """Note that an authorised request came from the extension (at most once a minute per folder)."""
    now = time.monotonic()
    if now - _last_write.get(home, -EVERY) < EVERY:
        return
    _last_write[home] = now
    entry = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "origin": origin[:200]}
    try:
        fd, tmp = tempfile.mkstemp(dir=home, prefix=".seen-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entry, fh)
        os.replace(tmp, home / FILE)
    except OSError:
        pass  # a full or read-only folder must never fail the extension's request


def last(home: Path) -> tuple[datetime, str] | None:
    """The instant and origin of the extension's last recorded request, if any."""
    try:
        entry = json.loads((home / FILE).read_text(encoding="utf-8"))
        return datetime.fromisoformat(entry["at"]), str(entry.get("origin", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None
