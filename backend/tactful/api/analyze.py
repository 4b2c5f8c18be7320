"""POST /v1/analyze: parse, call the tone engine and the call decision, shape the response."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, current_app, jsonify

from ..analysis import analyze_request
from ..schemas import AnalyzeRequest, parse
from .body import json_body
from .context import database
from .context import ui_language

bp = Blueprint("analyze", __name__)


@bp.post("/v1/analyze")
def analyze():
    """Findings, call suggestion, timing and etiquette for one draft (DESIGN.md, POST /v1/analyze)."""
    req = parse(AnalyzeRequest, json_body())
    ext = current_app.extensions
    with database().reading() as session:
        ui = partial(ui_language, session)  # looked up only when a sentence is written for the user
        return jsonify(analyze_request(req, ext["tactful.rules"], session, ui, ext["tactful.token"]))
