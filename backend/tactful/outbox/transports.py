"""Where due messages go: an SMTP server (TACTFUL_SMTP_URL), or .eml files in the file outbox folder.

A message records which it takes (`via`): "smtp" only when a mail server is set up, "file" only
when asked for. Failures say whose they are: the message's (TransientError: try it later;
PermanentError: it will never go), the server's (TransportDown: nothing can go now, so the
dispatcher backs off instead of failing every message), or unknowable (HandoverUnknown: the
connection broke while the server was taking the message).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import smtplib
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import TactfulError
from .mime import Envelope

_IN_BATCH: contextvars.ContextVar[bool] = contextvars.ContextVar("tactful_smtp_batch", default=False)


class TransientError(Exception):
    """Worth retrying this message later: the server answered 4xx (or could not be reached)."""


class PermanentError(Exception):
    """Not worth retrying: the server answered 5xx for this message. The text holds the server's reply."""


class TransportDown(TransientError):
    """The mail server (or the outbox folder) cannot take anything now: connection, TLS or login failed."""


class HandoverUnknown(Exception):
    """The connection broke while the server was taking the message: it may or may not have gone out."""


class FileOutbox:
    """Writes each message as <id>.eml under a folder (0700, files 0600). Nobody receives these files."""

    kind = "file"
    default_sender = None

    def __init__(self, folder: Path):
        self.folder = folder

    @contextlib.contextmanager
    def batch(self):
        """Nothing to keep open between files."""
        yield

    def describe(self) -> str:
        """Where messages go, for people."""
        return f"the file outbox {self.folder} (.eml files; nobody receives them)"

    def details(self) -> dict:
        """What the delivery status shows about this transport."""
        return {"folder": str(self.folder)}

    def verify(self) -> None:
        """Check that the folder (or, before it exists, the folder it will be made in) can be written."""
        existing = next(p for p in (self.folder, *self.folder.parents) if p.exists())
        if not os.access(existing, os.W_OK | os.X_OK):
            raise TactfulError("transport_unavailable", f"cannot write to {existing}", field="TACTFUL_HOME",
                               status=503)

    def path(self, name: str) -> Path:
        """Where the message with this id is (or would be) written."""
        return self.folder / f"{name}.eml"

    def send(self, envelope: Envelope, name: str) -> dict:
        """Write the message atomically (a half-written file never appears), readable by this user only."""
        from ..instance import private_folder, write_private

        try:
            private_folder(self.folder)
            write_private(self.path(name), envelope.data)
        except OSError as exc:
            raise TransportDown(f"cannot write to the file outbox {self.folder}: {exc.strerror or exc}") from None
        return {}


class SMTPTransport:
    """SMTP with STARTTLS (smtp://), implicit TLS (smtps://) or none (smtp+plain://, local test servers only)."""

    kind = "smtp"

    def __init__(self, url: str, timeout: float = 30):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "smtp+plain") or not parts.hostname:
            raise TactfulError("invalid_setting", "TACTFUL_SMTP_URL must look like smtp://user:pass@host:587, "
                               "smtps://… or smtp+plain://host:port", field="TACTFUL_SMTP_URL")
        self.scheme, self.host = parts.scheme, parts.hostname
        try:
            self.port = parts.port or (465 if parts.scheme == "smtps" else 587)
        except ValueError:
            raise TactfulError("invalid_setting", "TACTFUL_SMTP_URL has a port that is not a number",
                               field="TACTFUL_SMTP_URL") from None
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout
        self._open: smtplib.SMTP | None = None

    @property
    def default_sender(self) -> str | None:
        """The From address when a message gives none: the login, when it is an address."""
        from ..clients.addresses import normalise_email

        return self.user if self.user and normalise_email(self.user) else None

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

    def _login(self, server: smtplib.SMTP) -> None:
        password = self._password()
        if self.user and password is None:
            raise TransportDown(f"no password for {self.user}: put it in TACTFUL_SMTP_URL or in the OS keyring "
                                "(service tactful-smtp)")
        if self.user:
            server.login(self.user, password)

    def _server(self) -> smtplib.SMTP:
        """The open connection, or a new one: TransportDown names what failed (reach, TLS, login)."""
        if self._open is not None:
            return self._open
        try:
            server = self._connect()
        except (OSError, smtplib.SMTPException) as exc:
            raise TransportDown(f"cannot reach {self.host}:{self.port}: {type(exc).__name__}: {exc}") from None
        try:
            self._login(server)
        except smtplib.SMTPAuthenticationError as exc:
            _quit(server)
            raise TransportDown(f"{self.host} refused the login for {self.user}: {exc.smtp_code} "
                                f"{_text(exc.smtp_error)}") from None
        except (OSError, smtplib.SMTPException) as exc:
            _quit(server)
            raise TransportDown(f"{self.host}:{self.port} failed at login: {type(exc).__name__}: {exc}") from None
        except TransportDown:
            _quit(server)
            raise
        self._open = server
        return server

    def describe(self) -> str:
        """Where messages go, for people (never the password)."""
        who = f" as {self.user}" if self.user else ""
        return f"SMTP {self.host}:{self.port} ({self.security_label()}){who}"

    def security_label(self) -> str:
        """How the connection is protected, for people."""
        return {"smtp": "STARTTLS", "smtps": "TLS", "smtp+plain": "no encryption"}[self.scheme]

    def details(self) -> dict:
        """What the delivery status shows about this transport (never the password)."""
        security = {"smtp": "starttls", "smtps": "tls", "smtp+plain": "none"}[self.scheme]
        return {"host": self.host, "port": self.port, "security": security, "user": self.user,
                "from": self.default_sender}

    def verify(self) -> None:
        """Connect, secure, log in and say goodbye, sending nothing; a failure names what went wrong.

        It uses a connection of its own, so it may run while a delivery run holds the other.
        """
        try:
            server = self._connect()
        except (OSError, smtplib.SMTPException) as exc:
            raise _unavailable(f"cannot reach {self.host}:{self.port}: {type(exc).__name__}: {exc}") from None
        try:
            self._login(server)
            server.noop()
        except smtplib.SMTPAuthenticationError as exc:
            raise _unavailable(f"{self.host} refused the login for {self.user}: {exc.smtp_code} "
                               f"{_text(exc.smtp_error)}") from None
        except TransportDown as exc:
            raise _unavailable(str(exc)) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise _unavailable(f"{self.host}:{self.port} failed at login: {type(exc).__name__}: {exc}") from None
        finally:
            _quit(server)

    def send(self, envelope: Envelope, name: str) -> dict:
        """Hand the message over; returns the recipients the server refused while accepting others.

        A connection kept open from the previous message that turns out dead is dialled once more
        (nothing was handed over yet); a break during DATA is HandoverUnknown.
        """
        reused = self._open is not None
        try:
            return self._transaction(self._server(), envelope)
        except _Stale:
            self._drop()
            if not reused:
                raise TransportDown(f"{self.host}:{self.port} closed the connection") from None
            try:
                return self._transaction(self._server(), envelope)
            except _Stale:
                self._drop()
                raise TransportDown(f"{self.host}:{self.port} closed the connection") from None
        finally:
            if not _IN_BATCH.get():
                self._drop()

    def _transaction(self, server: smtplib.SMTP, envelope: Envelope) -> dict:
        """MAIL, RCPT for each recipient, DATA — each reply classified for this message alone."""
        try:
            server.ehlo_or_helo_if_needed()
            code, reply = server.mail(envelope.sender)
            if code != 250:
                raise _reply_error(server, code, reply)
            refused = {}
            for recipient in envelope.recipients:
                code, reply = server.rcpt(recipient)
                if code not in (250, 251):
                    refused[recipient] = (code, reply)
        except (OSError, smtplib.SMTPServerDisconnected):
            raise _Stale() from None
        if len(refused) == len(envelope.recipients):
            _reset(server)
            raise _classify(refused)
        try:
            code, reply = server.data(envelope.data)
        except smtplib.SMTPDataError as exc:  # DATA itself refused: nothing was handed over
            raise _reply_error(server, exc.smtp_code, exc.smtp_error) from None
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise HandoverUnknown(f"the connection to {self.host} broke while it was taking the message: "
                                  f"{type(exc).__name__}: {exc}") from None
        if code != 250:
            raise _reply_error(server, code, reply)
        return refused

    def _drop(self) -> None:
        """Close the connection (politely if it still answers)."""
        if self._open is not None:
            _quit(self._open)
            self._open = None


def _unavailable(message: str) -> TactfulError:
    return TactfulError("transport_unavailable", message, field="TACTFUL_SMTP_URL", status=503)


class _Stale(Exception):
    """The connection broke before anything was handed over."""


def _quit(server: smtplib.SMTP) -> None:
    with contextlib.suppress(Exception):
        server.quit()
    with contextlib.suppress(Exception):
        server.close()


def _reset(server: smtplib.SMTP) -> None:
    with contextlib.suppress(Exception):
        server.rset()


def _reply_error(server: smtplib.SMTP, code: int, reply: bytes) -> Exception:
    _reset(server)
    error = f"{code} {_text(reply)}"
    return TransientError(error) if 400 <= code < 500 else PermanentError(error)


def _text(reply: bytes | str) -> str:
    """A server's reply as text."""
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


def _classify(refused: dict) -> Exception:
    """Every recipient refused: permanent if any refusal is 5xx, else transient."""
    replies = "; ".join(f"{rcpt}: {code} {_text(msg)}" for rcpt, (code, msg) in refused.items())
    return PermanentError(replies) if any(code >= 500 for code, _ in refused.values()) else TransientError(replies)


@dataclass
class Transports:
    """The file outbox (always there, used only by messages that ask for it) and the SMTP server, if set up."""

    file: FileOutbox | None
    smtp: SMTPTransport | None = None

    @property
    def configured(self):
        """What the service path uses: the mail server, else the file outbox."""
        return self.smtp or self.file

    def for_via(self, via: str):
        """The transport a message's `via` names, or None when it is not set up."""
        return self.smtp if via == "smtp" else self.file if via == "file" else None

    @contextlib.contextmanager
    def batch(self):
        """Keep the SMTP connection open for a run."""
        with self.smtp.batch() if self.smtp is not None else contextlib.nullcontext():
            yield


def as_transports(transport) -> Transports:
    """Transports from one transport (tests and tools hand over just the one they use)."""
    if isinstance(transport, Transports):
        return transport
    if isinstance(transport, FileOutbox):
        return Transports(transport)
    return Transports(None, transport)


def transport_from(url: str | None, home: Path):
    """The transport TACTFUL_SMTP_URL names, or the file outbox in TACTFUL_HOME/outbox."""
    return SMTPTransport(url) if url else FileOutbox(home / "outbox")


def transports_from(url: str | None, home: Path) -> Transports:
    """The file outbox in TACTFUL_HOME/outbox, and the SMTP server TACTFUL_SMTP_URL names (if any)."""
    return Transports(FileOutbox(home / "outbox"), SMTPTransport(url) if url else None)

