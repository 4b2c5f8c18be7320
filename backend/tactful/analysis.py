"""The /v1/analyze use case, shared by the HTTP API and `tactful check`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .conflict.score import decide
from .conflict.signals import collect
from .conflict.suggest import Party, not_suggested, plan, public
from .errors import TactfulError
from .hours import parse_hours
from .learned import scan as learned_scan
from .schemas import AnalyzeRequest, Thread
from .tone.engine import Analysis, analyze
from .tone.packs import RuleSet, default_rules

if TYPE_CHECKING:  # the database layer loads only when a draft names clients
    from sqlalchemy.orm import Session


def _clients(session: Session | None, request: AnalyzeRequest) -> tuple[list, dict | None]:
    """The known clients this draft goes to (client_id first, then recipients' and names' matches) and its audience."""
    if session is None or not (request.client_id or request.recipients or request.recipient_names):
        return [], None
    from .clients import repository as clients_repo
    from .hours.timing import audience

    given = [clients_repo.get(session, request.client_id).id] if request.client_id else []  # 404 when unknown
    who = audience(session, request.recipients, given, request.recipient_names)
    return [clients_repo.get(session, i) for i in who.client_ids], who


def _zone(name: str | None) -> ZoneInfo | None:
    return ZoneInfo(name) if name else None


def _parties(session: Session | None, client) -> tuple[Party, Party]:
    """The client's and the user's zone and hours; each side falls back on the other's zone, then UTC."""
    from .profile import me

    profile = me.get(session) if session is not None else None
    client_hours = parse_hours(client.contact_hours) if client is not None and client.contact_hours else None
    user_hours = me.own_hours(profile)
    user_zone = (_zone(profile.timezone) if profile is not None else None) or (
        client_hours.zone if client_hours else ZoneInfo("UTC"))
    client_zone = client_hours.zone if client_hours else user_zone
    return Party(client_zone, client_hours), Party(user_zone, user_hours)


def learned_pass(request: AnalyzeRequest, result: Analysis) -> learned_scan.LearnedPass | None:
    """The learned second pass over the user's sentences, as the request asks for it."""
    if request.learned == "off":
        return None
    return learned_scan.run(request.text, result, result.findings, learned_scan.default_scorer(),
                            wait=request.learned == "wait")


def _findings(result: Analysis, learned: learned_scan.LearnedPass | None) -> list[dict]:
    """Rule findings and learned ones, in text order."""
    found = list(result.findings) + (list(learned.findings) if learned is not None else [])
    return [f.to_dict() for f in sorted(found, key=lambda f: (f.start, f.end, f.rule))]


def _learned_status(learned: learned_scan.LearnedPass | None) -> dict:
    if learned is None:
        return {"status": "off", "pending": 0}
    return {"status": "pending" if learned.pending else "done", "pending": learned.pending}


def suggest_call(request: AnalyzeRequest, result: Analysis, ruleset: RuleSet, session: Session | None, client,
                 at: datetime, ui: Callable[[], str], key: str,
                 learned: learned_scan.LearnedPass | None = None) -> dict:
    """Whether to propose a call instead of this e-mail, and the invitation with slots when so."""
    thread = request.thread or Thread()
    firm, routine = (learned.firm, learned.routine) if learned is not None else (0.0, 0.0)
    decision = decide(collect(request.text, result, thread.incoming, thread.messages, ruleset, firm, routine))
    if not decision.suggested:
        return not_suggested()
    channel = (client.channels or {}).get("conflict") if client is not None else None
    client_party, user_party = _parties(session, client)
    call = plan(decision, result.lang, result.formality, channel, client_party, user_party, at)
    return public(decision, call, ui(), key)


def analyze_request(request: AnalyzeRequest, ruleset: RuleSet | None = None, session: Session | None = None,
                    ui: str | Callable[[], str] = "en", key: str = "") -> dict:
    """Run the tone engine and the call decision for one request and shape the public response.

    When the draft goes to known clients (and a session is given), their formality and
    language inform the tone check, and the response gains `timing` and `etiquette`.
    `key` signs the invitation id (the service token). `ui` may be a callable, asked only
    when a sentence is written (a draft with no client and no call needs no profile lookup).
    """
    ruleset = ruleset or default_rules()
    ui_of = ui if callable(ui) else (lambda: ui)
    clients, who = _clients(session, request)
    first = clients[0] if clients else None
    result = analyze(
        request.text,
        lang=request.lang,
        formality=request.formality or (first.formality if first else None),
        client_lang=first.language if first else None,
        ruleset=ruleset,
    )
    at = request.send_at or datetime.now(timezone.utc)
    if at.tzinfo is None:
        raise TactfulError("invalid_field", "send_at must include a time zone offset", field="send_at",
                           status=422)
    learned = learned_pass(request, result)
    response = {"lang": result.lang, "findings": _findings(result, learned),
                "suggest_call": suggest_call(request, result, ruleset, session, first, at, ui_of, key, learned),
                "learned": _learned_status(learned)}
    if clients:
        timing = who.timing(at)
        if timing is not None:
            response["timing"] = timing
        from .clients.cards import cards_for

        response["etiquette"] = cards_for(session, clients, at, ui_of())
    return response
