"""POST /v1/timing: inside the hours, and the next instant that is."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, jsonify
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from ..clients import repository as clients_repo
from ..errors import TactfulError
from ..fields import Identifier, one_of
from ..hours import hours_json, parse_hours
from ..hours.timing import send_instant
from ..schemas import parse
from .body import json_body
from .context import database

bp = Blueprint("timing", __name__)


class TimingRequest(BaseModel):
    """POST /v1/timing: hours given inline, or a stored client's."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=one_of("hours", "client_id"))
    hours: hours_json("hours.") | None = Field(default=None, description="Contact hours (give this or client_id).")
    client_id: Identifier | None = Field(default=None, description="A stored client's id (give this or hours).")
    at: AwareDatetime | None = Field(default=None, description="ISO-8601 with offset (default: now).")

    @model_validator(mode="after")
    def _one_source(self) -> "TimingRequest":
        if (self.hours is None) == (self.client_id is None):
            raise TactfulError("invalid_field", "give exactly one of hours or client_id", field="hours", status=422)
        return self


@bp.post("/v1/timing")
def timing():
    """Whether `at` is inside the hours, and the earliest instant that is."""
    req = parse(TimingRequest, json_body())
    at = req.at or datetime.now(timezone.utc)
    if req.hours is not None:
        return jsonify(send_instant({"hours": parse_hours(req.hours)}, None, at))
    with database().reading() as session:
        client = clients_repo.get(session, req.client_id)
        if not client.contact_hours:
            raise TactfulError("no_hours", f"client {client.id!r} has no contact hours", field="client_id",
                               status=422)
        return jsonify({"client_id": client.id, **send_instant({client.name: parse_hours(client.contact_hours)},
                                                               None, at)})
