"""Settings from the environment (DESIGN.md, Configuration), with embedded defaults."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from .errors import TactfulError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8722


@dataclass(frozen=True)
class Settings:
    """Everything the service reads from its environment."""

    home: Path
    host: str
    port: int
    token_override: str | None
    database_url: str | None
    smtp_url: str | None
    rules: str
    extension_ids: tuple[str, ...]
    retention_days: int = 7

    @classmethod
    def from_env(cls, env: dict | None = None) -> "Settings":
        """Read settings from the environment (or a given mapping)."""
        env = os.environ if env is None else env
        port = env.get("TACTFUL_PORT", str(DEFAULT_PORT))
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise TactfulError("invalid_setting", f"TACTFUL_PORT must be a port number, got {port!r}",
                               field="TACTFUL_PORT")
        ids = tuple(i.strip() for i in env.get("TACTFUL_EXTENSION_IDS", "").split(",") if i.strip())
        retention = env.get("TACTFUL_RETENTION_DAYS", "7")
        if not retention.isdigit():
            raise TactfulError("invalid_setting", f"TACTFUL_RETENTION_DAYS must be a number of days, got "
                               f"{retention!r}", field="TACTFUL_RETENTION_DAYS")
        return cls(
            home=Path(env.get("TACTFUL_HOME") or user_data_dir("tactful", appauthor=False)),
            host=env.get("TACTFUL_HOST", DEFAULT_HOST),
            port=int(port),
            token_override=env.get("TACTFUL_TOKEN") or None,
            database_url=env.get("TACTFUL_DATABASE_URL") or None,
            smtp_url=env.get("TACTFUL_SMTP_URL") or None,
            rules=env.get("TACTFUL_RULES", ""),
            extension_ids=ids,
            retention_days=int(retention),
        )

    @property
    def token_path(self) -> Path:
        """Where the instance's token is kept."""
        return self.home / "token"

    def token(self) -> str:
        """The bearer token: TACTFUL_TOKEN, else the one stored in TACTFUL_HOME (created on first use)."""
        if self.token_override:
            return self.token_override
        path = self.token_path
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
        from .instance import private_folder

        private_folder(self.home)
        token = secrets.token_urlsafe(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process (the CLI, a second worker) created it first
            return path.read_text(encoding="utf-8").strip()
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(token + "\n")
        return token
