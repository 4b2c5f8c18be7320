"""A real SMTP server (aiosmtpd) on a free loopback port, recording what it receives and failing on demand."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A free loopback port (aiosmtpd 1.4.6's Controller(port=0) does not work, so bind one first)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """aiosmtpd handler: keeps every accepted message; `fail_rcpt` and `fail_data` script refusals."""

    def __init__(self):
        self.received: list = []
        self.fail_rcpt: dict[str, str] = {}  # address → reply such as "550 No such user"
        self.fail_data: str | None = None  # e.g. "451 Try again later"
        self.drop_after_data = False  # take the message, then hang up before answering (as a crash would)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.fail_rcpt.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_data:
            return self.fail_data
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        if self.drop_after_data:
            server.transport.close()
        return "250 Message accepted"


class SMTPServer:
    """Start and stop a real SMTP server; `url` is what TACTFUL_SMTP_URL should say."""

    def __init__(self):
        self.handler = Recorder()
        self.port = free_port()
        self.controller = None

    @property
    def url(self) -> str:
        return f"smtp+plain://127.0.0.1:{self.port}"

    def start(self) -> "SMTPServer":
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
