"""GET /v1/openapi.json: the API description, generated from the same models that validate requests."""

from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, jsonify

from .. import __version__
from ..clients.model import ClientFields, ClientIn, RecipientChoiceIn
from ..me import MeIn, MeOut
from ..outbox.model import DeliveryOut, ScheduledIn, ScheduledOut, ScheduledPatch
from ..schemas import AnalyzeRequest

bp = Blueprint("openapi", __name__)

_ERROR = {"$ref": "#/components/schemas/Error"}


def _op(summary: str, request_model: str | None, statuses: tuple[int, ...], answer: dict | None = None,
        ok: int = 200) -> dict:
    response: dict = {"description": "OK" if ok == 200 else "Created"}
    if answer is not None:
        response["content"] = {"application/json": {"schema": answer}}
    op: dict = {"summary": summary, "responses": {str(ok): response}}
    for status in statuses:
        op["responses"][str(status)] = {"description": "Error", "content": {"application/json": {"schema": _ERROR}}}
    if request_model:
        op["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{request_model}"}}}}
    return op


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


@lru_cache(maxsize=1)
def document() -> dict:
    """The OpenAPI 3.1 document."""
    schemas = {}
    from .etiquette import TimingRequest

    for model in (AnalyzeRequest, ClientIn, ClientFields, RecipientChoiceIn, MeIn, TimingRequest, ScheduledIn,
                  ScheduledPatch):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    for model in (ScheduledOut, DeliveryOut, MeOut):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization",
                                         by_alias=True)
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    schemas["Error"] = {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"}}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tactful", "version": __version__},
        "components": {"schemas": schemas,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": {
            "/v1/health": {"get": {**_op("Service status", None, ()), "security": []}},
            "/v1/analyze": {"post": _op("Tone findings and the call suggestion for one draft", "AnalyzeRequest",
                                        (400, 401, 413, 422))},
            "/v1/invitations/{invitation_id}.ics": {"get": _op("The proposed call as iCalendar (?slot=N for one)",
                                                               None, (401, 404, 422))},
            "/v1/clients": {"get": _op("List clients", None, (401,)),
                            "post": _op("Add a client", "ClientIn", (400, 401, 409, 422))},
            "/v1/clients/{client_id}": {
                "get": _op("One client", None, (401, 404)),
                "put": _op("Replace a client", "ClientIn", (400, 401, 404, 409, 422)),
                "patch": _op("Change some fields of a client", "ClientFields", (400, 401, 404, 409, 422)),
                "delete": _op("Remove a client", None, (401, 404))},
            "/v1/etiquette": {"get": _op("Etiquette cards for ?to=addresses and ?name=display names (repeatable), "
                                         "&lang=en|es|pl", None, (401, 422))},
            "/v1/recipient-choices": {
                "get": _op("Remembered \"Who is this for?\" answers", None, (401,)),
                "post": _op("Remember that an address or a display name is a client (201 new, 200 replaced)",
                            "RecipientChoiceIn", (400, 401, 404, 422))},
            "/v1/recipient-choices/{choice_id}": {"delete": _op("Forget a remembered answer", None, (401, 404))},
            "/v1/timing": {"post": _op("Inside the hours? And the next instant that is", "TimingRequest",
                                       (400, 401, 404, 422))},
            "/v1/me": {"get": _op("Your profile and the delivery status (its message in &lang=en|es|pl, else the "
                                  "profile's language)", None, (401, 422), _ref("MeOut")),
                       "put": _op("Replace your profile", "MeIn", (400, 401, 422), _ref("MeOut"))},
            "/v1/reminders": {"get": _op("Reports owed and next due", None, (401,))},
            "/v1/scheduled": {"get": _op("Scheduled messages (?status=)", None, (401, 422), {
                "type": "object", "required": ["scheduled"],
                "properties": {"scheduled": {"type": "array", "items": _ref("ScheduledOut")}}}),
                              "post": _op("Hold a message for its instant or the next window (via smtp needs a "
                                          "mail server: see /v1/me's delivery)", "ScheduledIn",
                                          (400, 401, 404, 422), _ref("ScheduledOut"), ok=201)},
            "/v1/scheduled/{message_id}": {
                "get": _op("One message and its history", None, (401, 404), _ref("ScheduledOut")),
                "patch": _op("Move a scheduled message", "ScheduledPatch", (400, 401, 404, 409, 422),
                             _ref("ScheduledOut")),
                "delete": _op("Cancel a message (Undo): the answer holds the whole message, body included",
                              None, (401, 404, 409), _ref("ScheduledOut"))},
            "/v1/scheduled/{message_id}/retry": {"post": _op("Resend a failed or unknown message", None,
                                                             (401, 404, 409), _ref("ScheduledOut"))},
            "/v1/reminders/{reminder_id}/done": {"post": _op("Mark a report as sent", None, (401, 404))},
        },
    }


@bp.get("/v1/openapi.json")
def spec():
    """Serve the OpenAPI document (public, like health)."""
    return jsonify(document())
