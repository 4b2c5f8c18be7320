"""GET /v1/openapi.json: the API description, generated from the same models that validate requests.

Every path and query parameter is declared, with every status each operation can answer and the shape of
each answer, and links from what a create answers to the operations on it, so a fuzzer reaches every
operation and can hold each answer to the document.
"""

from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, jsonify

from .. import __version__
from ..fields import ID_PATTERN, MAX_ID
from . import responses
from .etiquette import MAX_NAMES, MAX_TO

bp = Blueprint("openapi", __name__)

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_STATUS_TEXT = {400: "The body is not JSON, or is nested too deeply", 401: "No token, or the wrong one",
                404: "No such resource", 409: "Conflicts with what is stored", 413: "The body or a text is too large",
                415: "The body is not declared application/json", 422: "A field is invalid (named in `field`)",
                503: "The database is busy, full or read-only: try again (Retry-After)"}
READ = (401, 503)
WRITE = (400, 401, 413, 415, 422, 503)


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _param(name: str, where: str, schema: dict, description: str, required: bool | None = None, **extra) -> dict:
    return {"name": name, "in": where, "required": where == "path" if required is None else required,
            "schema": schema, "description": description, **extra}


CLIENT_ID = _param("client_id", "path", {"type": "string", "pattern": ID_PATTERN, "maxLength": 64},
                   "The client's id.")
MESSAGE_ID = _param("message_id", "path", {"type": "string", "pattern": UUID_PATTERN}, "The message's id.")
CHOICE_ID = _param("choice_id", "path", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "The answer's id.")
REMINDER_ID = _param("reminder_id", "path", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                     "The reminder's id (GET /v1/reminders).")
UI_LANG = _param("lang", "query", {"type": "string", "enum": ["en", "es", "pl"]},
                 "Language of the sentences written for you (default: your profile's).")


def _op(op_id: str, summary: str, errors: tuple[int, ...], answer: str | dict | None = None, ok: int = 200,
        body: str | None = None, params: tuple[dict, ...] = (), links: dict | None = None,
        also: dict | None = None) -> dict:
    """One operation: its parameters, body, success answer and every error status it can give."""
    success: dict = {"description": {200: "OK", 201: "Created", 204: "No content"}[ok]}
    if answer is not None:
        success["content"] = _json(_ref(answer) if isinstance(answer, str) else answer)
    if ok == 201:
        success["headers"] = {"Location": {"description": "Where the new resource is.", "schema": {"type": "string"}}}
    if links:
        success["links"] = links
    op: dict = {"operationId": op_id, "summary": summary, "responses": {str(ok): success, **(also or {})}}
    for status in sorted(set(errors)):
        error: dict = {"description": _STATUS_TEXT[status], "content": _json(_ref("Error"))}
        if status == 503:
            error["headers"] = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}}}
        op["responses"][str(status)] = error
    if params:
        op["parameters"] = list(params)
    if body:
        op["requestBody"] = {"required": True, "content": _json(_ref(body))}
    return op


def _links(operations: tuple[str, ...], parameter: str, pointer: str = "/id") -> dict:
    """Links from an answer to the operations on what it holds: a create's id, or a listing's first one."""
    return {f"{op[0].upper()}{op[1:]}": {"operationId": op, "parameters": {parameter: f"$response.body#{pointer}"}}
            for op in operations}


def _schemas() -> dict:
    from ..clients.model import ClientFields, ClientIn, RecipientChoiceIn
    from ..hours.spec import HoursSpec
    from ..profile.me import MeIn, MeOut
    from ..outbox.model import DeliveryOut, ScheduledIn, ScheduledOut, ScheduledPatch
    from ..schemas import AnalyzeRequest
    from .timing import TimingRequest

    schemas: dict = {}
    requests = (AnalyzeRequest, ClientIn, ClientFields, RecipientChoiceIn, MeIn, TimingRequest, ScheduledIn,
                ScheduledPatch, HoursSpec)
    answers = (ScheduledOut, DeliveryOut, MeOut, responses.Error, responses.AnalyzeResponse, responses.ClientOut,
               responses.ClientList, responses.Choice, responses.ChoiceList, responses.Etiquette, responses.TimingOut,
               responses.Reminders, responses.ReminderDone, responses.Health)
    for models, mode in ((requests, "validation"), (answers, "serialization")):
        for model in models:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}", mode=mode, by_alias=True)
            for name, definition in schema.pop("$defs", {}).items():
                schemas.setdefault(name, definition)
            schemas[model.__name__] = schema
    return _refs(schemas)


def _refs(node):
    """Replace the stand-ins (`x-schema`) with $refs to the named component schema."""
    if isinstance(node, dict):
        if "x-schema" in node:
            return _ref(node["x-schema"])
        return {key: _refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_refs(item) for item in node]
    return node


@lru_cache(maxsize=1)
def document() -> dict:
    """The OpenAPI 3.1 document."""
    client_ops = ("getClient", "replaceClient", "patchClient", "deleteClient")
    message_ops = ("getScheduled", "moveScheduled", "cancelScheduled", "retryScheduled")
    client_links, message_links = _links(client_ops, "client_id"), _links(message_ops, "message_id")
    ics = {"text/calendar": {"schema": {"type": "string"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tactful", "version": __version__},
        "components": {"schemas": _schemas(), "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": {
            "/v1/health": {"get": {**_op("health", "Service status", (), "Health"), "security": []}},
            "/v1/openapi.json": {"get": {**_op("openapi", "This document", (), {"type": "object"}), "security": []}},
            "/v1/analyze": {"post": _op("analyze", "Tone findings and the call suggestion for one draft",
                                        (*WRITE, 404), "AnalyzeResponse", body="AnalyzeRequest", params=(UI_LANG,),
                                        links={"Invitation": {"operationId": "invitation", "parameters": {
                                            "invitation_id": "$response.body#/suggest_call/invitation_id"}}})},
            "/v1/invitations/{invitation_id}.ics": {"get": _op(
                "invitation", "The proposed call as iCalendar (?slot=N for one)", (401, 404, 422), params=(
                    _param("invitation_id", "path", {"type": "string", "maxLength": 4096},
                           "The signed id from suggest_call.invitation_id."),
                    _param("slot", "query", {"type": "integer", "minimum": 0, "maximum": 99},
                           "One proposed slot (0 for the first) as a confirmed event.")),
                also={"200": {"description": "The .ics file", "content": ics}})},
            "/v1/clients": {
                "get": _op("listClients", "List clients", READ, "ClientList",
                           links=_links(client_ops, "client_id", "/clients/0/id")),
                "post": _op("createClient", "Add a client", (*WRITE, 409), "ClientOut", ok=201, body="ClientIn",
                            links=client_links)},
            "/v1/clients/{client_id}": {
                "get": _op("getClient", "One client", (*READ, 404), "ClientOut", params=(CLIENT_ID,)),
                "put": _op("replaceClient", "Replace a client", (*WRITE, 404, 409), "ClientOut", body="ClientIn",
                           params=(CLIENT_ID,)),
                "patch": _op("patchClient", "Change some fields of a client", (*WRITE, 404, 409), "ClientOut",
                             body="ClientFields", params=(CLIENT_ID,)),
                "delete": _op("deleteClient", "Remove a client", (*READ, 404), ok=204, params=(CLIENT_ID,))},
            "/v1/etiquette": {"get": _op("etiquette", "Etiquette cards for ?to=addresses and ?name=display names",
                                         (*READ, 422), "Etiquette", params=(
                _param("to", "query", {"type": "string", "maxLength": MAX_TO},
                       "Recipient addresses, comma-separated (give to, name or both)."),
                _param("name", "query", {"type": "array", "items": {"type": "string", "maxLength": 320},
                                         "maxItems": MAX_NAMES},
                       "A display name shown without an address (repeatable).", style="form", explode=True),
                UI_LANG))},
            "/v1/recipient-choices": {
                "get": _op("listChoices", "Remembered \"Who is this for?\" answers", READ, "ChoiceList",
                           links=_links(("forgetChoice",), "choice_id", "/recipient_choices/0/id")),
                "post": _op("rememberChoice", "Remember that an address or a display name is a client (201 new, "
                            "200 replaced)", (*WRITE, 404), "Choice", ok=201, body="RecipientChoiceIn",
                            links=_links(("forgetChoice",), "choice_id"),
                            also={"200": {"description": "Replaced an earlier answer",
                                          "content": _json(_ref("Choice"))}})},
            "/v1/recipient-choices/{choice_id}": {"delete": _op("forgetChoice", "Forget a remembered answer",
                                                                (*READ, 404), ok=204, params=(CHOICE_ID,))},
            "/v1/timing": {"post": _op("timing", "Inside the hours? And the next instant that is", (*WRITE, 404),
                                       "TimingOut", body="TimingRequest")},
            "/v1/me": {"get": _op("getMe", "Your profile and the delivery status (its message in ?lang=, else the "
                                  "profile's language)", (*READ, 422), "MeOut", params=(UI_LANG,)),
                       "put": _op("putMe", "Replace your profile", WRITE, "MeOut", body="MeIn")},
            "/v1/reminders": {"get": _op("reminders", "Reports owed and next due", (*READ, 422), "Reminders",
                                         params=(UI_LANG,), links=_links(("reminderDone",), "reminder_id",
                                                                         "/reminders/0/id"))},
            "/v1/reminders/{reminder_id}/done": {"post": _op("reminderDone", "Mark a report as sent", (*READ, 404),
                                                             "ReminderDone", params=(REMINDER_ID,))},
            "/v1/scheduled": {
                "get": _op("listScheduled", "Scheduled messages (?status=)", (*READ, 422), {
                    "type": "object", "required": ["scheduled"],
                    "properties": {"scheduled": {"type": "array", "items": _ref("ScheduledOut")}}}, params=(
                    _param("status", "query", {"type": "string", "enum": ["scheduled", "sending", "sent", "failed",
                                                                         "unknown", "cancelled"]},
                           "Only messages in this state."),),
                    links=_links(message_ops, "message_id", "/scheduled/0/id")),
                "post": _op("schedule", "Hold a message for its instant or the next window (via smtp needs a mail "
                            "server: see /v1/me's delivery)", (*WRITE, 404), "ScheduledOut", ok=201,
                            body="ScheduledIn", links=message_links)},
            "/v1/scheduled/{message_id}": {
                "get": _op("getScheduled", "One message and its history", (*READ, 404), "ScheduledOut",
                           params=(MESSAGE_ID,)),
                "patch": _op("moveScheduled", "Move a scheduled message", (*WRITE, 404, 409), "ScheduledOut",
                             body="ScheduledPatch", params=(MESSAGE_ID,)),
                "delete": _op("cancelScheduled", "Cancel a message (Undo): the answer holds the whole message, body "
                              "included", (*READ, 404, 409), "ScheduledOut", params=(MESSAGE_ID,))},
            "/v1/scheduled/{message_id}/retry": {"post": _op("retryScheduled", "Resend a failed or unknown message",
                                                             (*READ, 404, 409), "ScheduledOut", params=(MESSAGE_ID,))},
        },
    }


@bp.get("/v1/openapi.json")
def spec():
    """Serve the OpenAPI document (public, like health)."""
    return jsonify(document())
