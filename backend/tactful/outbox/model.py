"""A scheduled message as the API and the CLI accept it."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from ..clients.addresses import normalise_email
from ..errors import TactfulError
from ..schemas import MAX_TEXT


def _addresses(values: list[str], field: str) -> list[str]:
    out = []
    for i, value in enumerate(values):
        address = normalise_email(value)
        if address is None:
            raise TactfulError("invalid_field", f"{field}.{i}: {value!r} is not an e-mail address",
                               field=f"{field}.{i}", status=422)
        out.append(address)
    return out


class ScheduledIn(BaseModel):
    """POST /v1/scheduled."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    to: list[str] = Field(min_length=1, max_length=100)
    cc: list[str] = Field(default_factory=list, max_length=100)
    bcc: list[str] = Field(default_factory=list, max_length=100)
    sender: str | None = Field(default=None, alias="from", description="From address (default: the SMTP user).")
    subject: str = Field(default="", max_length=998)
    text: str | None = Field(default=None, max_length=MAX_TEXT)
    html: str | None = Field(default=None, max_length=5 * MAX_TEXT)
    in_reply_to: str | None = Field(default=None, max_length=998)
    references: str | None = Field(default=None, max_length=20_000)
    client_id: str | None = Field(default=None, max_length=64)
    send_at: AwareDatetime | None = None
    when: Literal["next_window"] | None = None
    via: Literal["smtp", "webmail"] = "smtp"

    @field_validator("to", "cc", "bcc")
    @classmethod
    def _valid(cls, values, info):
        return _addresses(values, info.field_name)

    @field_validator("sender")
    @classmethod
    def _sender(cls, value):
        return None if value is None else _addresses([value], "from")[0]

    @model_validator(mode="after")
    def _instant(self) -> "ScheduledIn":
        if (self.send_at is None) == (self.when is None):
            raise TactfulError("invalid_field", 'give either send_at (ISO-8601 with offset) or "when": "next_window"',
                               field="send_at", status=422)
        if self.text is None and self.html is None and self.via == "smtp":
            raise TactfulError("missing_field", "text or html is required", field="text", status=422)
        return self


class ScheduledPatch(BaseModel):
    """PATCH /v1/scheduled/<id>: a new instant (or the next window)."""

    model_config = ConfigDict(extra="forbid")
    send_at: AwareDatetime | None = None
    when: Literal["next_window"] | None = None

    @model_validator(mode="after")
    def _instant(self) -> "ScheduledPatch":
        if (self.send_at is None) == (self.when is None):
            raise TactfulError("invalid_field", 'give either send_at or "when": "next_window"', field="send_at",
                               status=422)
        return self
