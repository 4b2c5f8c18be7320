"""The user's own profile: name, time zone, own contact hours and interface language."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator
from sqlalchemy.orm import Session

from ..fields import line
from ..hours import HOURS_SCHEMA, Hours, hours_json, parse_hours
from ..outbox.model import DeliveryOut
from ..storage.database import utcnow
from ..storage.models import Profile


class MeIn(BaseModel):
    """PUT /v1/me."""

    model_config = ConfigDict(extra="forbid")
    name: line(200) = ""
    timezone: line(64, "An IANA time zone such as Europe/Warsaw (default: that of contact_hours).") | None = None
    contact_hours: hours_json("contact_hours.") | None = None
    language: Literal["en", "es", "pl"] = "en"
    delivery: dict | None = Field(default=None, description="Read-only (GET /v1/me's delivery status); ignored, so "
                                  "a profile read with GET can be sent back with PUT.",
                                  json_schema_extra={"readOnly": True})

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value):
        if value is not None:
            parse_hours({"timezone": value, "weekly": {}}, "")  # same zone rules as contact hours
        return value


class MeOut(BaseModel):
    """GET and PUT /v1/me answer the profile and the delivery status."""

    name: str
    timezone: str | None
    contact_hours: Annotated[dict, WithJsonSchema(HOURS_SCHEMA)] | None
    language: Literal["en", "es", "pl"]
    delivery: DeliveryOut


def to_dict(profile: Profile | None) -> dict:
    """The public shape of the profile (defaults when none is stored yet)."""
    if profile is None:
        return {"name": "", "timezone": None, "contact_hours": None, "language": "en"}
    return {"name": profile.name, "timezone": profile.timezone, "contact_hours": profile.contact_hours,
            "language": profile.language}


def get(session: Session) -> Profile | None:
    """The stored profile, if any."""
    return session.get(Profile, 1)


def put(session: Session, data: MeIn) -> Profile:
    """Replace the profile."""
    profile = session.get(Profile, 1) or Profile(id=1)
    profile.name, profile.timezone, profile.language = data.name, data.timezone, data.language
    profile.contact_hours = data.contact_hours
    if data.contact_hours and not data.timezone:
        profile.timezone = data.contact_hours["timezone"]
    profile.updated_at = utcnow()
    session.add(profile)
    session.flush()
    return profile


def own_hours(profile: Profile | None) -> Hours | None:
    """The user's own contact hours, compiled, when set."""
    return parse_hours(profile.contact_hours) if profile is not None and profile.contact_hours else None
