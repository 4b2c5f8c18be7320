"""The e-mail itself: headers and MIME parts as bytes, built from a stored message (plain Python, no I/O).

Every header is ASCII on the wire: IDN domains in their xn-- form, non-ASCII names and subjects as
RFC 2047 encoded words; Bcc never appears in a header (it is on the envelope only). Bodies are
UTF-8 in quoted-printable: text/plain alone, or multipart/alternative with the HTML after it.
It uses the email package's compat32 API, which writes what it is given: ten thousand messages
due at once must not each pay for the modern API's header parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.charset import QP, Charset
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import SMTP
from email.utils import format_datetime

from ..clients.addresses import Mailbox, header_problem, parse_mailbox

_UTF8 = Charset("utf-8")
_UTF8.header_encoding = QP
_UTF8.body_encoding = QP
_POLICY = SMTP.clone(cte_type="7bit")


class BuildError(ValueError):
    """The stored message cannot become an e-mail (a bad header from an older version, a missing From…)."""


@dataclass(frozen=True)
class Envelope:
    """What goes to the mail server: the sender and recipients for MAIL FROM/RCPT TO, and the bytes."""

    sender: str
    recipients: list[str]
    data: bytes


def _mailbox(value: str, field: str) -> Mailbox:
    try:
        return parse_mailbox(value)
    except ValueError as exc:
        raise BuildError(f"{field}: {value!r} {exc}") from None


def _line(value: str, field: str) -> str:
    problem = header_problem(value)
    if problem:
        raise BuildError(f"{field} {problem}")
    return value if value.isascii() else Header(value, _UTF8, header_name=field).encode()


def _part(body: str, subtype: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(body.replace("\r\n", "\n"), _UTF8)
    return part


def compose(m, now: datetime, default_sender: str | None = None) -> Envelope:
    """Build the e-mail of a stored message `m` (anything with the message's fields), sent at `now`."""
    sender_text = m.sender or default_sender
    sender = _mailbox(sender_text, "from") if sender_text else None
    to = [_mailbox(a, f"to.{i}") for i, a in enumerate(m.to)]
    cc = [_mailbox(a, f"cc.{i}") for i, a in enumerate(m.cc)]
    bcc = [_mailbox(a, f"bcc.{i}") for i, a in enumerate(m.bcc)]
    if m.text is None and m.html is None:
        raise BuildError("the message has no body (text or html)")
    if m.text is not None and m.html is not None:
        email = MIMEMultipart("alternative", _subparts=[_part(m.text, "plain"), _part(m.html, "html")])
    else:
        email = _part(m.text, "plain") if m.text is not None else _part(m.html, "html")
    email["Message-ID"] = _line(m.message_id, "Message-ID")
    email["Date"] = format_datetime(now)
    if sender is not None:
        email["From"] = sender.header()
    email["To"] = ", ".join(a.header() for a in to)
    if cc:
        email["Cc"] = ", ".join(a.header() for a in cc)
    email["Subject"] = _line(m.subject or "", "subject")
    if m.in_reply_to:
        email["In-Reply-To"] = _line(m.in_reply_to, "in_reply_to")
    if m.references:
        email["References"] = _line(m.references, "references")
    try:
        data = email.as_bytes(policy=_POLICY)
    except (ValueError, TypeError, UnicodeError, LookupError) as exc:
        raise BuildError(f"the message could not be encoded: {type(exc).__name__}: {exc}") from None
    return Envelope(sender.address if sender else "", [a.address for a in to + cc + bcc], data)
