"""Where due messages go: an SMTP server (TACTFUL_SMTP_URL) or, by default, .eml files in the outbox folder."""

from __future__ import annotations

import contextlib
import contextvars
import os
import smtplib
import socket
import ssl
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import TactfulError


_IN_BATCH: contextvars.ContextVar[bool] = contextvars.ContextVar("tactful_smtp_batch", default=False)


class TransientError(Exception):
    """Worth retrying: the server was unreachable or answered 4xx."""


class PermanentError(Exception):
    """Not worth retrying: the server answered 5xx. The message holds the server's reply."""


class FileOutbox:
    """Writes each message as <id>.eml under a folder — the default, needing no mail server."""

    def __init__(self, folder: Path):
        self.folder = folder

    @contextlib.contextmanager
    def batch(self):
        """Nothing to keep open between files."""
        yield

    def describe(self) -> str:
        """Where messages go, for people."""
        return f"the file outbox {self.folder} (.eml files; nobody receives them)"

    def verify(self) -> None:
        """Check that the folder (or, before it exists, the folder it will be made in) can be written."""
        existing = next(p for p in (self.folder, *self.folder.parents) if p.exists())
        if not os.access(existing, os.W_OK | os.X_OK):
            raise TactfulError("transport_unavailable", f"cannot write to {existing}", field="TACTFUL_HOME",
                               status=503)

    def send(self, message: EmailMessage, recipients: list[str], name: str) -> dict:
        """Write the message atomically (a half-written file never appears)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{name}.tmp"
        temporary.write_bytes(bytes(message))
        os.replace(temporary, self.folder / f"{name}.eml")
        return {}


class SMTPTransport:
    """SMTP with STARTTLS (smtp://), implicit TLS (smtps://) or none (smtp+plain://, local test servers only)."""

    def __init__(self, url: str, timeout: float = 30):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "smtp+plain") or not parts.hostname:
            raise TactfulError("invalid_setting", "TACTFUL_SMTP_URL must look like smtp://user:pass@host:587, "
                               "smtps://… or smtp+plain://host:port", field="TACTFUL_SMTP_URL")
        self.scheme, self.host = parts.scheme, parts.hostname
        self.port = parts.port or (465 if parts.scheme == "smtps" else 587)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout
        self._open: smtplib.SMTP | None = None

    @contextlib.contextmanager
    def batch(self):
        """Keep one connection open for a run of messages (10,000 due at once need not dial 10,000 times)."""
        token = _IN_BATCH.set(True)
        try:
            yield
        finally:
            _IN_BATCH.reset(token)
            self._drop()

    def _password(self) -> str | None:
        """The password from the URL, else from the OS keyring (service 'tactful-smtp', the URL's user)."""
        if self.password is not None or self.user is None:
            return self.password
        try:
            import keyring

            return keyring.get_password("tactful-smtp", self.user)
        except Exception:  # noqa: BLE001 - no usable keyring backend on this machine
            return None

    def _connect(self) -> smtplib.SMTP:
        if self.scheme == "smtps":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
        server = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.scheme == "smtp":
            server.starttls(context=ssl.create_default_context())
        return server

    def _server(self) -> smtplib.SMTP:
        if self._open is None:
            server = self._connect()
            password = self._password()
            if self.user and password is not None:
                server.login(self.user, password)
            self._open = server
        return self._open

    def describe(self) -> str:
        """Where messages go, for people (never the password)."""
        security = {"smtp": "STARTTLS", "smtps": "TLS", "smtp+plain": "no encryption"}[self.scheme]
        who = f" as {self.user}" if self.user else ""
        return f"SMTP {self.host}:{self.port} ({security}){who}"

    def verify(self) -> None:
        """Connect, secure, log in and say goodbye, sending nothing; a failure names what went wrong."""
        try:
            server = self._connect()
            try:
                password = self._password()
                if self.user and password is None:
                    raise TactfulError("transport_unavailable", f"no password for {self.user}: put it in "
                                       "TACTFUL_SMTP_URL or in the OS keyring (service tactful-smtp)",
                                       field="TACTFUL_SMTP_URL", status=503)
                if self.user:
                    server.login(self.user, password)
                server.noop()
            finally:
                with contextlib.suppress(Exception):
                    server.quit()
        except smtplib.SMTPAuthenticationError as exc:
            raise TactfulError("transport_unavailable", f"{self.host} refused the login for {self.user}: "
                               f"{exc.smtp_code} {_text(exc.smtp_error)}", field="TACTFUL_SMTP_URL",
                               status=503) from None
        except (OSError, smtplib.SMTPException, socket.timeout) as exc:
            raise TactfulError("transport_unavailable", f"cannot reach {self.host}:{self.port}: "
                               f"{type(exc).__name__}: {exc}", field="TACTFUL_SMTP_URL", status=503) from None

    def send(self, message: EmailMessage, recipients: list[str], name: str) -> dict:
        """Hand the message over; returns recipients the server refused while accepting others."""
        try:
            server = self._server()
            try:
                refused = server.send_message(message, to_addrs=recipients)
            except BaseException:
                self._drop()  # never reuse a connection after an error
                raise
            if not _IN_BATCH.get():
                self._drop()
            return refused
        except smtplib.SMTPRecipientsRefused as exc:
            raise _classify(exc.recipients) from None
        except smtplib.SMTPResponseException as exc:
            error = f"{exc.smtp_code} {_text(exc.smtp_error)}"
            raise (TransientError if 400 <= exc.smtp_code < 500 else PermanentError)(error) from None
        except (OSError, smtplib.SMTPException, socket.timeout) as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}") from None


    def _drop(self) -> None:
        """Close the connection (politely if it still answers)."""
        if self._open is not None:
            with contextlib.suppress(Exception):
                self._open.quit()
            self._open = None


def _text(reply: bytes | str) -> str:
    """A server's reply as text."""
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


def _classify(refused: dict) -> Exception:
    """Every recipient refused: permanent if any refusal is 5xx, else transient."""
    replies = "; ".join(f"{rcpt}: {code} {_text(msg)}" for rcpt, (code, msg) in refused.items())
    return PermanentError(replies) if any(code >= 500 for code, _ in refused.values()) else TransientError(replies)


def transport_from(url: str | None, home: Path):
    """The transport TACTFUL_SMTP_URL names, or the file outbox in TACTFUL_HOME/outbox."""
    return SMTPTransport(url) if url else FileOutbox(home / "outbox")
