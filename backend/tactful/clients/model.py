"""The client as the API and the CLI accept it: validated once, named field by field on error."""

from __future__ import annotations

import re
from typing import Literal

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..errors import TactfulError
from ..fields import Identifier, line, text
from ..hours import hours_json
from .addresses import is_personal, normalise_domain, normalise_email
from .cadence import WEEKDAYS
from .names import clean_name, fold_name

PURPOSES = ("formal", "quick", "conflict", "emergency")
_CHANNEL = re.compile(r"^[a-z0-9][a-z0-9 _.+-]{0,39}$")
MAX_ADDRESS_ITEM = 254 + 200 + 10  # an address (RFC 5321) with a display name and its <>


def _report_day(value: object) -> object:
    """A weekday name, 'last', a day of the month 1–31 (a JSON number, never true or false), or none."""
    if value is None or value in (*WEEKDAYS, "last") or (type(value) is int and 1 <= value <= 31):
        return value
    raise PydanticCustomError("invalid_day", "must be a weekday (mon…sun), a day of the month (1–31) or 'last'")


ReportDay = Annotated[object, BeforeValidator(_report_day), WithJsonSchema({"anyOf": [
    {"enum": [*WEEKDAYS, "last"]}, {"type": "integer", "minimum": 1, "maximum": 31}, {"type": "null"}]})]
CHANNEL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.+-]{0,39}$"
_CHANNEL_SCHEMA = {"type": "object", "additionalProperties": False,
                   "description": 'Channel per purpose, e.g. {"quick": "whatsapp", "conflict": "call"}.',
                   "properties": {p: {"type": "string", "pattern": CHANNEL_PATTERN} for p in PURPOSES}}
Channels = Annotated[dict[str, str], WithJsonSchema(_CHANNEL_SCHEMA)]
_HHMM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


class Cadence(BaseModel):
    """How often the client expects a report: every day, week, fortnight or month, on a day, at a time."""

    model_config = ConfigDict(extra="forbid")
    every: Literal["day", "week", "fortnight", "month"]
    on: ReportDay = Field(
        default=None, description="Weekday (mon…sun) for every week or fortnight; day of the month (1–31, or "
        "'last') for every month; none for every day.")
    at: str = Field(default="09:00", pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$",
                    description="Local time in the client's time zone, HH:MM.")

    @field_validator("at")
    @classmethod
    def _time(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError("must be a time HH:MM between 00:00 and 23:59")
        return value

    @model_validator(mode="after")
    def _day(self) -> "Cadence":
        if self.every in ("week", "fortnight"):
            if self.on not in WEEKDAYS:
                raise ValueError(f"'on' must be a weekday ({', '.join(WEEKDAYS)}) for every {self.every}")
        elif self.every == "month":
            if self.on != "last" and not (isinstance(self.on, int) and 1 <= self.on <= 31):
                raise ValueError("'on' must be a day of the month (1–31) or 'last' for every month")
        elif self.on is not None:
            raise ValueError("'on' is not used for a daily cadence")
        return self


def _display_name(value: str, what: str) -> str:
    """A name (or an address) as shown, spaces tidied; control characters refused."""
    clean = clean_name(value)
    if clean is None:
        raise ValueError(f"must be {what}, not only spaces")
    return clean


class Contact(BaseModel):
    """One of the client's people: the name webmail shows (Outlook shows only that) and, when known, the address."""

    model_config = ConfigDict(extra="forbid")
    name: line(200, "Display name, matched whole, case and accents aside.", min_length=1)
    email: line(MAX_ADDRESS_ITEM) | None = None

    _name = field_validator("name")(lambda value: _display_name(value, "a name"))

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        address = normalise_email(value)
        if address is None:
            raise ValueError(f"{value!r} is not an e-mail address")
        return address


def _company_domain(value: str) -> str | None:
    domain = normalise_domain(value)
    return None if domain is None or is_personal(domain) else domain


def _unique(values: list[str] | None, field: str, normalise, problem) -> list[str] | None:
    """Normalised values without repeats; the first bad one is named by its position."""
    if values is None:
        return None
    out = []
    for i, value in enumerate(values):
        clean = normalise(value)
        if clean is None:
            raise TactfulError("invalid_field", f"{field}.{i}: {problem(value)}", field=f"{field}.{i}", status=422)
        if clean not in out:
            out.append(clean)
    return out


class ClientFields(BaseModel):
    """Every field of a client but its id; all optional so PATCH can reuse it."""

    model_config = ConfigDict(extra="forbid")
    name: line(200, min_length=1) | None = None
    emails: list[line(MAX_ADDRESS_ITEM, min_length=1)] | None = Field(
        default=None, max_length=200, description="Their addresses: 'ana@acme.es' or 'Ana Ruiz <ana@acme.es>' "
        "(IDN domains accepted); each belongs to one client.")
    domains: list[line(253, min_length=1)] | None = Field(
        default=None, max_length=50, description="Their company domains (never a personal-mail one such as "
        "gmail.com); each belongs to one client.")
    language: Literal["es", "pl", "en"] | None = None
    formality: Literal["formal", "informal"] | None = None
    contact_hours: hours_json("contact_hours.") | None = None
    channels: Channels | None = None
    report_cadence: Cadence | None = None
    notes: text(5000) | None = None
    contacts: list[Contact] | None = Field(default=None, max_length=200,
                                           description="The client's people: [{name, email}] (email optional).")

    @field_validator("contacts")
    @classmethod
    def _contacts(cls, values):
        """The same person (same name, same address) once; two people may share a name only with addresses."""
        if values is None:
            return values
        seen, out = set(), []
        for contact in values:
            key = (fold_name(contact.name), contact.email)
            if key not in seen:
                seen.add(key)
                out.append(contact)
        return out

    @field_validator("emails")
    @classmethod
    def _emails(cls, values):
        return _unique(values, "emails", normalise_email, lambda v: f"{v!r} is not an e-mail address")

    @field_validator("domains")
    @classmethod
    def _domains(cls, values):
        return _unique(values, "domains", _company_domain, lambda v: f"{v!r} is not a company domain (a personal-"
                       "mail provider such as gmail.com never is: add the client's own address to emails instead)")

    @field_validator("channels")
    @classmethod
    def _channels(cls, value):
        if value is None:
            return value
        for purpose, channel in value.items():
            if purpose not in PURPOSES:
                raise TactfulError("invalid_field", f"channels.{purpose}: unknown purpose; use "
                                   f"{', '.join(PURPOSES)}", field=f"channels.{purpose}", status=422)
            if not _CHANNEL.match(channel.strip().lower()):
                raise TactfulError("invalid_field", f"channels.{purpose}: {channel!r} is not a channel name "
                                   "(email, call, phone, video, whatsapp…)", field=f"channels.{purpose}", status=422)
        return {purpose: channel.strip().lower() for purpose, channel in value.items()}


class ClientIn(ClientFields):
    """A whole client, for create (id optional) and replace."""

    id: Identifier | None = Field(default=None, description="Short id: lower-case letters, digits, '-' and '_'.")
    name: line(200, min_length=1)


def slug(name: str) -> str:
    """A client id made from a name: 'Acme S.A.' → 'acme-s-a'."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:48] or "client"


class RecipientChoiceIn(BaseModel):
    """A remembered "Who is this for?" answer: this address or display name is this client."""

    model_config = ConfigDict(extra="forbid")
    recipient: line(320, "An address, or a display name seen alone.", min_length=1)
    client_id: Identifier

    _recipient = field_validator("recipient")(lambda value: _display_name(value, "an address or a name"))
