"""GET /v1/health: is the service up, which version, which rules are loaded."""

from __future__ import annotations

from flask import Blueprint, jsonify

from .. import __version__
from .state import services

bp = Blueprint("health", __name__)


@bp.get("/v1/health")
def health():
    """Liveness plus the loaded rule count per language (no auth: the extension probes it)."""
    rules = services().rules
    counts = {lang: len(rules.for_lang(lang)) for lang in ("es", "pl", "en")}
    return jsonify({"status": "ok", "version": __version__, "rules": counts})
