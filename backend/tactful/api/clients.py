"""/v1/clients: list, create, get, replace, patch, delete — parse, call the repository, shape."""

from __future__ import annotations

from flask import Blueprint, jsonify, url_for

from ..clients import repository as repo
from ..clients.model import ClientFields, ClientIn
from ..schemas import parse
from .body import json_body
from .context import database, reminder_jobs

bp = Blueprint("clients", __name__)


@bp.get("/v1/clients")
def list_clients():
    """Every client."""
    with database().reading() as session:
        return jsonify({"clients": [repo.to_dict(c) for c in repo.list_clients(session)]})


@bp.post("/v1/clients")
def create_client():
    """Add a client; 201 with the stored client and its Location."""
    data = parse(ClientIn, json_body())
    with database().session() as session:
        client = repo.to_dict(repo.create(session, data))
    _reschedule(client)
    return jsonify(client), 201, {"Location": url_for("clients.get_client", client_id=client["id"])}


@bp.get("/v1/clients/<client_id>")
def get_client(client_id: str):
    """One client."""
    with database().reading() as session:
        return jsonify(repo.to_dict(repo.get(session, client_id)))


@bp.put("/v1/clients/<client_id>")
def replace_client(client_id: str):
    """Replace a client entirely."""
    data = parse(ClientIn, json_body())
    with database().session() as session:
        client = repo.to_dict(repo.replace(session, client_id, data))
    return jsonify(_reschedule(client))


@bp.patch("/v1/clients/<client_id>")
def patch_client(client_id: str):
    """Change some fields of a client."""
    data = parse(ClientFields, json_body())
    with database().session() as session:
        client = repo.to_dict(repo.patch(session, client_id, data))
    return jsonify(_reschedule(client))


@bp.delete("/v1/clients/<client_id>")
def delete_client(client_id: str):
    """Remove a client."""
    with database().session() as session:
        repo.delete(session, client_id)
    _reschedule({"id": client_id, "report_cadence": None, "contact_hours": None})
    return "", 204


def _reschedule(client: dict) -> dict:
    """Keep the report job in step when the scheduler runs in this process (tactful serve)."""
    jobs = reminder_jobs()
    if jobs is not None:
        jobs.schedule(client["id"], client["report_cadence"], client["contact_hours"])
    return client
