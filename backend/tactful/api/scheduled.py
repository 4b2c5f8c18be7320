"""/v1/scheduled: messages held for delivery — parse, call the outbox store, shape."""

from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for

from ..outbox import store
from ..outbox.model import ScheduledIn, ScheduledPatch
from ..schemas import parse
from .body import json_body
from .context import database, transports
from .state import services

bp = Blueprint("scheduled", __name__)


def _wake() -> None:
    """Tell the in-process dispatcher (tactful serve) about a new or moved instant."""
    dispatcher = services().dispatcher
    if dispatcher is not None:
        dispatcher.wake()


@bp.get("/v1/scheduled")
def list_scheduled():
    """Messages, optionally filtered by ?status=."""
    with database().reading() as session:
        return jsonify({"scheduled": [store.to_dict(m) for m in store.listing(session, request.args.get("status"))]})


@bp.post("/v1/scheduled")
def create_scheduled():
    """Store a message for its instant; it is committed before 201 is returned."""
    data = parse(ScheduledIn, json_body())
    with database().session() as session:
        message = store.to_dict(store.create(session, data, transports().configured))
    _wake()
    return jsonify(message), 201, {"Location": url_for("scheduled.get_scheduled", message_id=message["id"])}


@bp.get("/v1/scheduled/<message_id>")
def get_scheduled(message_id: str):
    """One message and its history."""
    with database().reading() as session:
        return jsonify(store.to_dict(store.get(session, message_id)))


@bp.patch("/v1/scheduled/<message_id>")
def patch_scheduled(message_id: str):
    """Move a scheduled message (never outside contact hours)."""
    data = parse(ScheduledPatch, json_body())
    with database().session() as session:
        message = store.to_dict(store.reschedule(session, message_id, data))
    _wake()
    return jsonify(message)


@bp.delete("/v1/scheduled/<message_id>")
def cancel_scheduled(message_id: str):
    """Cancel a message that has not gone out (Undo): the answer holds the whole message, body included."""
    with database().session() as session:
        return jsonify(store.to_dict(store.cancel(session, message_id)))


@bp.post("/v1/scheduled/<message_id>/retry")
def retry_scheduled(message_id: str):
    """Resend a failed message, or one whose fate is unknown, at the next window."""
    with database().session() as session:
        message = store.to_dict(store.retry(session, message_id))
    _wake()
    return jsonify(message)
