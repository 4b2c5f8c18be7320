"""/v1/recipient-choices: remembered "Who is this for?" answers — list, remember, forget."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..clients import repository as repo
from ..clients.model import RecipientChoiceIn
from ..schemas import parse
from .body import json_body
from .context import database

bp = Blueprint("choices", __name__)


@bp.get("/v1/recipient-choices")
def list_choices():
    """Every remembered answer, newest first."""
    with database().reading() as session:
        return jsonify({"recipient_choices": [repo.choice_dict(c) for c in repo.list_choices(session)]})


@bp.post("/v1/recipient-choices")
def remember():
    """Remember that an address or a display name is a client: 201 when new, 200 when it replaced an answer."""
    data = parse(RecipientChoiceIn, json_body())
    with database().session() as session:
        row, created = repo.remember(session, data.recipient, data.client_id)
        return jsonify(repo.choice_dict(row)), 201 if created else 200


@bp.delete("/v1/recipient-choices/<int:choice_id>")
def forget(choice_id: int):
    """Forget one answer."""
    with database().session() as session:
        repo.forget(session, choice_id)
    return "", 204
