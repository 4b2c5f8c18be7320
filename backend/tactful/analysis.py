"""The /v1/analyze use case, shared by the HTTP API and `tactful check`."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from .client_cards import cards_for
from .clients import repository as clients_repo
from .errors import TactfulError
from .hours import parse_hours
from .schemas import AnalyzeRequest
from .tone.engine import analyze
from .tone.packs import RuleSet


def _clients(session: Session | None, request: AnalyzeRequest) -> list:
    """The known clients this draft goes to: the given client_id first, then recipients' matches."""
    if session is None or not (request.client_id or request.recipients):
        return []
    found = [clients_repo.get(session, request.client_id)] if request.client_id else []
    for client in clients_repo.match(session, request.recipients):
        if all(c.id != client.id for c in found):
            found.append(client)
    return found


def _timing(session: Session, clients: list, at: datetime) -> dict | None:
    from . import me
    from .timing import send_instant

    with_hours = [c for c in clients if c.contact_hours]
    if not with_hours:
        return None
    schedules = {c.name: parse_hours(c.contact_hours) for c in with_hours}
    result = send_instant(schedules, me.own_hours(me.get(session)), at)
    return {"client_id": with_hours[0].id, "client_ids": [c.id for c in with_hours], **result}


def analyze_request(request: AnalyzeRequest, ruleset: RuleSet | None = None, session: Session | None = None,
                    ui: str = "en") -> dict:
    """Run the tone engine for one request and shape the public response.

    When the draft goes to known clients (and a session is given), their formality and
    language inform the tone check, and the response gains `timing` and `etiquette`.
    """
    clients = _clients(session, request)
    first = clients[0] if clients else None
    result = analyze(
        request.text,
        lang=request.lang,
        formality=request.formality or (first.formality if first else None),
        client_lang=first.language if first else None,
        ruleset=ruleset,
    )
    response = {"lang": result.lang, "findings": [f.to_dict() for f in result.findings]}
    if clients:
        at = request.send_at or datetime.now(timezone.utc)
        if at.tzinfo is None:
            raise TactfulError("invalid_field", "send_at must include a time zone offset", field="send_at",
                               status=422)
        timing = _timing(session, clients, at)
        if timing is not None:
            response["timing"] = timing
        response["etiquette"] = cards_for(session, clients, at, ui)
    return response
