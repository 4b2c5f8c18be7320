"""GET and PUT /v1/me: the user's profile and the delivery status."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..outbox import status as delivery_status
from ..profile import me as me_core
from ..schemas import parse
from .body import json_body
from .context import database, transports, ui_language

bp = Blueprint("me", __name__)


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
