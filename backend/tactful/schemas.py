"""Request models: one declarative source for validation and for the OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .errors import TactfulError

MAX_TEXT = 100_000


def _limit(value: str, field: str) -> str:
    if len(value) > MAX_TEXT:
        raise PydanticCustomError(
            "too_long", "{field} has {n} characters; the limit is {limit}",
            {"field": field, "n": len(value), "limit": MAX_TEXT},
        )
    return value


class Thread(BaseModel):
    """What the client wrote before: the thread's length and their last message."""

    model_config = ConfigDict(extra="forbid")
    messages: int = Field(default=0, ge=0, le=100_000, description="How many messages the thread holds.")
    incoming: str = Field(default="", description="The client's last message, as plain text.")

    @field_validator("incoming")
    @classmethod
    def _incoming_size(cls, value: str) -> str:
        return _limit(value, "thread.incoming")


class AnalyzeRequest(BaseModel):
    """POST /v1/analyze: one draft to a client."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="Plain text of the draft (at most 100,000 characters).")
    lang: Literal["auto", "es", "pl", "en"] = "auto"
    subject: str | None = Field(default=None, max_length=2_000)
    recipients: list[str] = Field(default_factory=list, max_length=500)
    recipient_names: list[Annotated[str, Field(max_length=320)]] = Field(
        default_factory=list, max_length=500,
        description="Display names the webmail shows without an address (Outlook's pills); matched to a client's "
                    "contacts by the whole name, case and accents aside.")
    client_id: str | None = Field(default=None, max_length=200)
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
    err = exc.errors(include_url=False)[0]
    field = ".".join(str(p) for p in err["loc"]) or None
    kind = err["type"]
    if kind == "too_long":
        return TactfulError("too_large", err["msg"], field=field, status=413)
    if kind == "missing":
        return TactfulError("missing_field", f"{field} is required", field=field, status=422)
    if kind == "extra_forbidden":
        return TactfulError("unknown_field", f"{field} is not a known field", field=field, status=422)
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        return TactfulError("invalid_value", f"{field} must be {allowed}", field=field, status=422)
    return TactfulError("invalid_field", f"{field}: {err['msg']}", field=field, status=422)
