"""A scheduled message as the API and the CLI accept it, and as they show it.

Everything that could make the message fail to build or to send is refused here, at creation, with a 422
naming the field: a header field with CR, LF, NUL or another control; a malformed or overlong address; a
malformed message id; attachments on the service path.
"""

from __future__ import annotations

import re
from typing import Literal

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from ..clients.addresses import header_problem, mailbox_or_error
from ..clients.model import MAX_ADDRESS_ITEM
from ..errors import TactfulError
from ..fields import LINE_PATTERN, TEXT_PATTERN, Identifier, one_of
from ..schemas import MAX_TEXT
from . import html as html_body

VIAS = ("smtp", "file", "webmail")
MAX_RECIPIENTS = 100
# A message id as RFC 5322 writes it: <left@right>, no spaces or angle brackets inside.
_BODY_FORBIDDEN = re.compile(r"[\x00\ud800-\udfff]")
_ID_TEXT = r"<[^<>\s@]+@[^<>\s@]+>"
_MSG_ID = re.compile(_ID_TEXT)
HEADER_PATTERN = r"^[^\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]*$"
ONE_INSTANT = one_of("send_at", "when")
# Described as an e-mail address; 'Ana Ruiz <ana@acme.es>' is accepted too (see the fields' descriptions).
Address = Annotated[str, Field(min_length=3, max_length=MAX_ADDRESS_ITEM,
                               json_schema_extra={"format": "email", "pattern": LINE_PATTERN})]


def _addresses(values: list[str], field: str) -> list[str]:
    """Each address parsed (a 422 naming field.N when one is bad), kept as people read it."""
    return [mailbox_or_error(value, f"{field}.{i}").shown() for i, value in enumerate(values)]


def _header(value: str | None, field: str) -> str | None:
    if value is not None and (problem := header_problem(value)):
        raise TactfulError("invalid_header", f"{field} {problem}; a header field must be one line of text",
                           field=field, status=422)
    return value


def _message_ids(value: str | None, field: str, many: bool) -> str | None:
    """One message id (in_reply_to) or a space-separated list (references), as <id@domain>."""
    if value is None:
        return None
    _header(value, field)
    ids = value.split()
    if not ids or (not many and len(ids) > 1) or "".join(ids) != "".join(_MSG_ID.findall(value)):
        what = "message ids, each written <id@domain>, separated by spaces" if many else \
            "one message id written <id@domain>"
        raise TactfulError("invalid_field", f"{field} must be {what}", field=field, status=422)
    return " ".join(ids)


def _body(value: str | None, field: str) -> str | None:
    if value is not None and (bad := _BODY_FORBIDDEN.search(value)):
        what = "a NUL character" if bad.group() == "\x00" else "an unpaired surrogate (not valid Unicode)"
        raise TactfulError("invalid_field", f"{field} contains {what}", field=field, status=422)
    return value


class ScheduledIn(BaseModel):
    """POST /v1/scheduled: a message to deliver at `send_at` or at the next window."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, json_schema_extra=ONE_INSTANT)
    to: list[Address] = Field(min_length=1, max_length=MAX_RECIPIENTS,
                          description="Recipients in To: 'ana@acme.es' or 'Ana Ruiz <ana@acme.es>'; IDN domains "
                          "are accepted (sent in their xn-- form).")
    cc: list[Address] = Field(default_factory=list, max_length=MAX_RECIPIENTS, description="Recipients in Cc.")
    bcc: list[Address] = Field(default_factory=list, max_length=MAX_RECIPIENTS,
                           description="Recipients in Bcc: on the envelope only, never in a header.")
    sender: Address | None = Field(default=None, alias="from",
                               description="From: the account's address (default: the SMTP login, when it is an "
                               "address). Required on the smtp path when the login is not an address.")
    subject: str = Field(default="", max_length=998, description="One line: CR, LF, NUL and controls are refused.",
                         json_schema_extra={"pattern": HEADER_PATTERN})
    text: str | None = Field(default=None, max_length=MAX_TEXT, json_schema_extra={"pattern": TEXT_PATTERN},
                             description="The plain-text body (made from html when only html is given).")
    html: str | None = Field(default=None, max_length=5 * MAX_TEXT, json_schema_extra={"pattern": TEXT_PATTERN},
                             description="The HTML body as written; sanitized (no scripts, handlers, frames, "
                             "forms or javascript: links) before it is stored.")
    in_reply_to: str | None = Field(default=None, max_length=998, json_schema_extra={"pattern": f"^{_ID_TEXT}$"},
                                    description="The Message-ID this replies to, <id@domain>.")
    references: str | None = Field(default=None, max_length=20_000,
                            json_schema_extra={"pattern": f"^ *{_ID_TEXT}(?: +{_ID_TEXT})* *$"},
                                   description="The thread's Message-IDs, oldest first, separated by spaces.")
    attachments: StrictInt = Field(default=0, ge=0, le=10_000,
                             description="How many attachments the compose holds. The service cannot carry "
                             "attachments: more than 0 is refused (422, field attachments) unless via is webmail.")
    client_id: Identifier | None = None
    send_at: AwareDatetime | None = Field(default=None, description="ISO-8601 with offset; moved into the recipients' and "
                                   "your hours when it falls outside them (give this or when).")
    when: Literal["next_window"] | None = Field(default=None, description="The next instant inside the recipients' and "
                                         "your hours (give this or send_at).")
    via: Literal["smtp", "file", "webmail"] = Field(
        default="smtp", description="smtp: the service delivers through TACTFUL_SMTP_URL (refused with 422 when "
        "none is set up); file: the service writes an .eml file to the file outbox (nobody receives it); "
        "webmail: the webmail's own Schedule send delivers it and the service only records it (no body is "
        "kept).")

    @field_validator("to", "cc", "bcc")
    @classmethod
    def _valid(cls, values, info):
        return _addresses(values, info.field_name)

    @field_validator("sender")
    @classmethod
    def _sender(cls, value):
        return None if value is None else mailbox_or_error(value, "from").shown()

    @field_validator("subject")
    @classmethod
    def _subject(cls, value):
        return _header(value, "subject")

    @field_validator("in_reply_to")
    @classmethod
    def _in_reply_to(cls, value):
        return _message_ids(value, "in_reply_to", many=False)

    @field_validator("references")
    @classmethod
    def _references(cls, value):
        return _message_ids(value, "references", many=True)

    @field_validator("text")
    @classmethod
    def _text(cls, value):
        return _body(value, "text")

    @field_validator("html")
    @classmethod
    def _html(cls, value):
        return None if _body(value, "html") is None else html_body.sanitize(value)

    @model_validator(mode="after")
    def _complete(self) -> "ScheduledIn":
        if (self.send_at is None) == (self.when is None):
            raise TactfulError("invalid_field", 'give either send_at (ISO-8601 with offset) or "when": "next_window"',
                               field="send_at", status=422)
        if len(self.to) + len(self.cc) + len(self.bcc) > MAX_RECIPIENTS:
            raise TactfulError("invalid_field", f"to, cc and bcc hold more than {MAX_RECIPIENTS} recipients together",
                               field="to", status=422)
        if self.via == "webmail":  # the webmail holds the message: the record keeps no body
            self.text = self.html = None
            return self
        if self.attachments:
            raise TactfulError("attachments_unsupported", f"this compose has {self.attachments} attachment(s), and "
                               "the service cannot carry attachments: schedule it with the webmail's own Schedule "
                               'send (via "webmail"), which keeps them', field="attachments", status=422)
        if self.text is None and self.html is None:
            raise TactfulError("missing_field", "text or html is required", field="text", status=422)
        if self.text is None:
            self.text = html_body.to_text(self.html)
        return self


class ScheduledPatch(BaseModel):
    """PATCH /v1/scheduled/<id>: a new instant (or the next window)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=ONE_INSTANT)
    send_at: AwareDatetime | None = None
    when: Literal["next_window"] | None = None

    @model_validator(mode="after")
    def _instant(self) -> "ScheduledPatch":
        if (self.send_at is None) == (self.when is None):
            raise TactfulError("invalid_field", 'give either send_at or "when": "next_window"', field="send_at",
                               status=422)
        return self


class HistoryEvent(BaseModel):
    """One thing that happened to a message, and why."""

    at: str = Field(description="ISO-8601 instant, UTC.")
    event: Literal["scheduled", "rescheduled", "moved", "late", "retry", "sent", "failed", "unknown", "cancelled",
                   "retry requested", "purged"]
    send_at: str | None = None
    due_at: str | None = None
    reason: str | None = None
    via: Literal["smtp", "file", "webmail"] | None = Field(default=None, description="On 'sent': how it went.")
    refused: str | None = Field(default=None, description="On 'sent': recipients the server refused, with replies.")
    error: str | None = Field(default=None, description="On 'retry': the transient failure.")
    reply: str | None = Field(default=None, description="On 'failed': the server's answer or why it could not be "
                              "built.")


class ScheduledOut(BaseModel):
    """A scheduled message as GET, POST, PATCH and DELETE /v1/scheduled… answer it."""

    id: str
    status: Literal["scheduled", "sending", "sent", "failed", "unknown", "cancelled"] = Field(
        description="scheduled → sending → sent | failed | unknown, or cancelled.")
    via: Literal["smtp", "file", "webmail"]
    sender: str | None = Field(alias="from")
    to: list[str]
    cc: list[str]
    bcc: list[str]
    subject: str
    text: str | None = Field(description="null once purged (TACTFUL_RETENTION_DAYS after sending or cancelling).")
    html: str | None = Field(description="The sanitized HTML; null when none was given or once purged.")
    in_reply_to: str | None
    references: str | None
    client_ids: list[str]
    message_id: str = Field(description="The Message-ID header, fixed at creation.")
    send_at: str
    attempts: int
    last_error: str | None
    late: bool
    history: list[HistoryEvent]
    sent_at: str | None
    purged: bool
    created_at: str


class DeliveryOut(BaseModel):
    """GET /v1/me's `delivery`: the sending process's transport, whether it was verified, whether the service
    path can be offered, and if not why (`reason`) and what to do (`message`, in the interface language)."""

    transport: Literal["smtp", "file"]
    host: str | None = Field(default=None, description="smtp only.")
    port: int | None = Field(default=None, description="smtp only.")
    security: Literal["starttls", "tls", "none"] | None = Field(default=None, description="smtp only.")
    user: str | None = Field(default=None, description="smtp only: the login (never the password).")
    sender: Address | None = Field(default=None, alias="from",
                               description="smtp only: the From used when a message gives none.")
    folder: str | None = Field(default=None, description="file only: where the .eml files are written.")
    description: str
    verified: bool | None = Field(description="Connected, secured and logged in (nothing sent), or a real send "
                                  "went through; null: not checked yet.")
    checked_at: str | None
    error: str | None = Field(description="What the last check or send found wrong.")
    sender_seen_at: str | None = Field(description="The sending process's last heartbeat.")
    service_path: bool = Field(description="True only for a verified SMTP server with a sender running.")
    reason: Literal["file_outbox", "no_sender", "not_verified"] | None
    message: str
