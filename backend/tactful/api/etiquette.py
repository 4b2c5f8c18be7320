"""GET /v1/etiquette, /v1/me, POST /v1/timing, /v1/reminders: parse, call the core, shape."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, jsonify, request
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from .. import me as me_core
from .. import reminders as reminders_core
from ..client_cards import cards_for
from ..clients import repository as clients_repo
from ..errors import TactfulError
from ..fields import Identifier, one_of, text_problem
from ..hours import hours_json, parse_hours
from ..i18n import UI_LANGS
from ..outbox import status as delivery_status
from ..schemas import parse
from ..timing import send_instant
from .body import json_body
from .context import database, transports

bp = Blueprint("etiquette", __name__)
MAX_TO, MAX_NAMES = 8_000, 20  # a URL stays well inside the 256 KB a request line and its headers may take


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


def ui_language(session) -> str:
    """The interface language: ?lang=, else the user's profile, else English."""
    asked = request.args.get("lang")
    if asked is not None and asked not in UI_LANGS:
        raise TactfulError("invalid_value", f"lang must be one of {', '.join(UI_LANGS)}", field="lang", status=422)
    return asked or me_core.to_dict(me_core.get(session))["language"]


@bp.get("/v1/etiquette")
def etiquette():
    """Cards for the clients the recipients in ?to= (addresses) and ?name= (names shown alone, repeatable) are."""
    recipients = [r for r in request.args.get("to", "").split(",") if r.strip()]
    names = [n for n in request.args.getlist("name") if n.strip()]
    if not recipients and not names:
        raise TactfulError("missing_field", "to is required: comma-separated recipient addresses (or name=, "
                           "repeatable, for names shown without an address)", field="to", status=422)
    if len(request.args.get("to", "")) > MAX_TO or len(names) > MAX_NAMES or any(len(n) > 320 for n in names):
        raise TactfulError("invalid_field", f"to may hold at most {MAX_TO:,} characters, and name= be given at most "
                           f"{MAX_NAMES} times, each at most 320 characters", field="to", status=422)
    for field, values in (("to", recipients), ("name", names)):
        for i, value in enumerate(values):
            if (problem := text_problem(value)) is not None:
                raise TactfulError("invalid_field", f"{field}: recipient {i + 1} {problem}", field=field, status=422)
    with database().reading() as session:
        now = datetime.now(timezone.utc)
        return jsonify({"etiquette": cards_for(session, clients_repo.match(session, recipients, names), now,
                                               ui_language(session))})


def _me(session, profile) -> dict:
    """The profile plus `delivery`: which transport the sender uses, whether it was verified, and so whether
    the service path can be offered (its `message` in ?lang=, else the profile's language)."""
    shown = me_core.to_dict(profile)
    return {**shown, "delivery": delivery_status.describe(session, transports().configured, ui_language(session))}


@bp.get("/v1/me")
def get_me():
    """The user's profile, and the delivery status."""
    with database().reading() as session:
        return jsonify(_me(session, me_core.get(session)))


@bp.put("/v1/me")
def put_me():
    """Replace the user's profile (`delivery` is read-only: sent back unchanged, it is ignored)."""
    data = parse(me_core.MeIn, json_body())
    with database().session() as session:
        return jsonify(_me(session, me_core.put(session, data)))


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


@bp.get("/v1/reminders")
def reminders():
    """Reports owed now, then the next one per client."""
    with database().session() as session:
        return jsonify({"reminders": reminders_core.listing(session, datetime.now(timezone.utc), ui_language(session))})


@bp.post("/v1/reminders/<int:reminder_id>/done")
def reminder_done(reminder_id: int):
    """Mark a report as sent."""
    with database().session() as session:
        row = reminders_core.mark_done(session, reminder_id)
        return jsonify({"id": row.id, "client_id": row.client_id, "done_at": row.done_at.isoformat()})
