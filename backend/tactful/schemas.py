"""Request models: one declarative source for validation and for the OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .errors import TactfulError
from .fields import Identifier, draft_text, text

MAX_TEXT = 100_000
MAX_RECIPIENT = 254 + 200 + 10  # an address (RFC 5321) with a display name of up to 200 characters and its <>


def _limit(value: str, field: str) -> str:
    if len(value) > MAX_TEXT:
        raise PydanticCustomError(
            "text_too_long", "{field} has {n} characters; the limit is {limit}",
            {"field": field, "n": len(value), "limit": MAX_TEXT},
        )
    return value


class Thread(BaseModel):
    """What the client wrote before: the thread's length and their last message."""

    model_config = ConfigDict(extra="forbid")
    messages: StrictInt = Field(default=0, ge=0, le=100_000, description="How many messages the thread holds.")
    incoming: draft_text("The client's last message, as plain text (at most 100,000 characters).") = ""

    @field_validator("incoming")
    @classmethod
    def _incoming_size(cls, value: str) -> str:
        return _limit(value, "thread.incoming")


class AnalyzeRequest(BaseModel):
    """POST /v1/analyze: one draft to a client."""

    model_config = ConfigDict(extra="forbid")
    text: draft_text("Plain text of the draft (at most 100,000 characters; half a character, an unpaired "
                     "surrogate, is read as U+FFFD so offsets stay as sent).")
    lang: Literal["auto", "es", "pl", "en"] = "auto"
    subject: Annotated[draft_text(), Field(max_length=2_000)] | None = None
    recipients: list[text(MAX_RECIPIENT, min_length=1)] = Field(
        default_factory=list, max_length=500,
        description="Recipient addresses ('ana@acme.es' or 'Ana Ruiz <ana@acme.es>'); one that is not an address "
                    "matches no client.")
    recipient_names: list[text(320)] = Field(
        default_factory=list, max_length=500,
        description="Display names the webmail shows without an address (Outlook's pills); matched to a client's "
                    "contacts by the whole name, case and accents aside.")
    client_id: Identifier | None = None
    formality: Literal["formal", "informal"] | None = None
    send_at: datetime | None = None
    thread: Thread | None = None
    learned: Literal["wait", "defer", "off"] = Field(
        default="wait", description="The learned pass: `wait` scores every sentence before answering; `defer` "
        "answers at once with the sentences already scored and scores the rest in the background (the "
        "response's `learned.pending` counts them: ask again to get their findings); `off` skips it.")

    @field_validator("text")
    @classmethod
    def _text_size(cls, value: str) -> str:
        return _limit(value, "text")


def parse(model: type[BaseModel], data: object) -> BaseModel:
    """Validate data against a model, raising TactfulError that names the first bad field."""
    if not isinstance(data, dict):
        raise TactfulError("invalid_body", "the request body must be a JSON object", status=400)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _to_error(exc) from None


def _to_error(exc: ValidationError) -> TactfulError:
    return error_from(exc.errors(include_url=False)[0])


_MESSAGES = {
    "string_unicode": "contains an unpaired surrogate (half of a character, not valid Unicode)",
    "string_type": "must be a string",
    "int_type": "must be a whole number", "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number", "bool_type": "must be true or false",
    "list_type": "must be a list", "dict_type": "must be an object", "model_type": "must be an object",
    "model_attributes_type": "must be an object", "datetime_type": "must be an ISO-8601 instant",
    "timezone_aware": "must include a time zone offset (e.g. +01:00 or Z)",
}


def error_from(err: dict, prefix: str = "") -> TactfulError:
    """One pydantic error as the public error: a code, a message that names the field, the field."""
    field = prefix + ".".join(str(p) for p in err["loc"]) if err["loc"] else prefix.rstrip(".") or None
    name = field or "the body"
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "text_too_long":
        return TactfulError("too_large", err["msg"], field=field, status=413)
    if kind == "missing":
        return TactfulError("missing_field", f"{name} is required", field=field, status=422)
    if kind == "extra_forbidden":
        return TactfulError("unknown_field", f"{name} is not a known field", field=field, status=422)
    if kind in ("literal_error", "enum"):
        return TactfulError("invalid_value", f"{name} must be {ctx.get('expected', '')}", field=field, status=422)
    if kind == "string_too_long":
        return TactfulError("invalid_field", f"{name} has more than {ctx.get('max_length')} characters, the most it "
                            "may have", field=field, status=422)
    if kind == "too_long":
        return TactfulError("too_large", f"{name} has more than {ctx.get('max_length')} items, the most it may "
                            "have", field=field, status=413)
    if kind in ("string_too_short", "too_short"):
        return TactfulError("invalid_field", f"{name} must not be empty", field=field, status=422)
    if kind == "string_pattern_mismatch":
        return TactfulError("invalid_field", f"{name} must match {ctx.get('pattern', '')}", field=field, status=422)
    message = _MESSAGES.get(kind) or err["msg"]
    return TactfulError("invalid_field", f"{name}: {message}", field=field, status=422)
