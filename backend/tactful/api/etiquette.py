"""GET /v1/etiquette: parse, call the core, shape."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, jsonify, request

from ..clients import repository as clients_repo
from ..clients.cards import cards_for
from ..errors import TactfulError
from ..fields import text_problem
from .context import database, ui_language

bp = Blueprint("etiquette", __name__)
MAX_TO, MAX_NAMES = 8_000, 20  # a URL stays well inside the 256 KB a request line and its headers may take


@bp.get("/v1/etiquette")
def etiquette():
    """Cards for the clients the recipients in ?to= (addresses) and ?name= (names shown alone, repeatable) are."""
    recipients = [r for r in request.args.get("to", "").split(",") if r.strip()]
    names = [n for n in request.args.getlist("name") if n.strip()]
    if not recipients and not names:
        raise TactfulError("missing_field", "to is required: comma-separated recipient addresses (or name=, "
                           "repeatable, for names shown without an address)", field="to", status=422)
    if len(request.args.get("to", "")) > MAX_TO or len(names) > MAX_NAMES or any(len(n) > 320 for n in names):
        raise TactfulError("invalid_field", f"to may hold at most {MAX_TO:,} characters, and name= be given at most "
                           f"{MAX_NAMES} times, each at most 320 characters", field="to", status=422)
    for field, values in (("to", recipients), ("name", names)):
        for i, value in enumerate(values):
            if (problem := text_problem(value)) is not None:
                raise TactfulError("invalid_field", f"{field}: recipient {i + 1} {problem}", field=field, status=422)
    with database().reading() as session:
        now = datetime.now(timezone.utc)
        return jsonify({"etiquette": cards_for(session, clients_repo.match(session, recipients, names), now,
                                               ui_language(session))})
