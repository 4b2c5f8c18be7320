"""POST /v1/analyze: parse, call the tone engine and the call decision, shape the response."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, jsonify

from ..analysis import analyze_request
from ..schemas import AnalyzeRequest, parse
from .body import json_body
from .context import database, ui_language
from .state import services

bp = Blueprint("analyze", __name__)


@bp.post("/v1/analyze")
def analyze():
    """Findings, call suggestion, timing and etiquette for one draft (DESIGN.md, POST /v1/analyze)."""
    req = parse(AnalyzeRequest, json_body())
    shared = services()
    with database().reading() as session:
        ui = partial(ui_language, session)  # looked up only when a sentence is written for the user
        return jsonify(analyze_request(req, shared.rules, session, ui, shared.token))
