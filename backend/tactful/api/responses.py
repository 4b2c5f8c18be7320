"""What each operation answers, as models for the OpenAPI document (the core builds plain dicts; the fuzz test
holds every answer to these)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from ..clients.model import Cadence, Contact
from ..hours import HOURS_SCHEMA

Lang = Literal["es", "pl", "en"]


class ErrorBody(BaseModel):
    """What went wrong: a stable code, a sentence, the field when one is to blame."""

    model_config = ConfigDict(extra="forbid")
    code: str
    message: str
    field: str | None = Field(default=None, description="The offending field, as a dotted path (emails.0).")
    id: str | None = Field(default=None, description="On a 5xx: the id the service's log line carries too.")


class Error(BaseModel):
    """The one error shape."""

    model_config = ConfigDict(extra="forbid")
    error: ErrorBody


class Finding(BaseModel):
    """A span of the user's words that reads badly to a client (offsets in code points)."""

    rule: str
    category: Literal["rude", "sarcastic", "passive_aggressive", "emotional", "shouting", "informal", "urgency"]
    severity: Literal["info", "warning", "error"]
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    excerpt: str
    message: str
    suggestions: list[str]
    advice: list[str] = Field(default_factory=list)


class SlotTimes(BaseModel):
    """One proposed call slot in both parties' time."""

    start: str
    end: str
    client: str
    client_timezone: str
    you: str
    your_timezone: str


class SuggestCall(BaseModel):
    """Whether a call would serve better than this e-mail; the invitation and slots when so."""

    suggested: bool
    reasons: list[str]
    invitation: str | None
    slots: list[str]
    strength: str | None = None
    topic: str | None = None
    score: float | None = None
    duration_minutes: int | None = None
    channel: str | None = None
    slot_times: list[SlotTimes] | None = None
    invitation_id: str | None = None
    ics: str | None = None


class Learned(BaseModel):
    """The learned pass: off, done, or pending with how many sentences it has still to score."""

    status: Literal["off", "pending", "done"]
    pending: int = Field(ge=0)


class AnalyzeTiming(BaseModel):
    """When the message may arrive inside every matched client's hours and yours.

    `within` and `send_at` are null, with `error` saying why, when the hours open no common window
    within a year: the tone check still answers.
    """

    client_id: str
    client_ids: list[str]
    within: bool | None
    send_at: str | None
    error: ErrorBody | None = None


class Report(BaseModel):
    """The report owed to a client."""

    cadence: Cadence
    due_at: str
    overdue: bool


class Card(BaseModel):
    """A client's etiquette card."""

    client_id: str
    name: str
    language: Lang | None
    formality: Literal["formal", "informal"] | None
    channels: dict[str, str]
    timezone: str | None
    local_time: str | None
    within: bool | None
    next_window: str | None
    report: Report | None
    notes: str
    reminders: list[str]


class AnalyzeResponse(BaseModel):
    """POST /v1/analyze."""

    lang: Lang
    findings: list[Finding]
    suggest_call: SuggestCall
    learned: Learned
    timing: AnalyzeTiming | None = None
    etiquette: list[Card] | None = None


class ClientOut(BaseModel):
    """A stored client."""

    id: str
    name: str
    emails: list[str]
    domains: list[str]
    language: Lang | None
    formality: Literal["formal", "informal"] | None
    contact_hours: Annotated[dict, WithJsonSchema(HOURS_SCHEMA)] | None
    channels: dict[str, str]
    report_cadence: Cadence | None
    notes: str
    contacts: list[Contact]


class ClientList(BaseModel):
    """GET /v1/clients."""

    clients: list[ClientOut]


class Choice(BaseModel):
    """A remembered "Who is this for?" answer."""

    id: int
    recipient: str
    kind: Literal["address", "name"]
    client_id: str
    created_at: str
    updated_at: str


class ChoiceList(BaseModel):
    """GET /v1/recipient-choices."""

    recipient_choices: list[Choice]


class Etiquette(BaseModel):
    """GET /v1/etiquette."""

    etiquette: list[Card]


class TimingOut(BaseModel):
    """POST /v1/timing."""

    within: bool
    send_at: str
    client_id: str | None = None


class Reminder(BaseModel):
    """A report owed now (with an id to mark it done) or the next one due."""

    id: int | None
    client_id: str
    client: str
    due_at: str
    overdue: bool
    text: str


class Reminders(BaseModel):
    """GET /v1/reminders."""

    reminders: list[Reminder]


class ReminderDone(BaseModel):
    """POST /v1/reminders/{id}/done."""

    id: int
    client_id: str
    done_at: str


class Health(BaseModel):
    """GET /v1/health."""

    status: Literal["ok"]
    version: str
    rules: dict[str, int]
