"""GET /v1/reminders and POST /v1/reminders/<id>/done: reports owed, and marking one sent."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, jsonify

from ..clients import reminders as reminders_core
from .context import database, ui_language

bp = Blueprint("reminders", __name__)


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
