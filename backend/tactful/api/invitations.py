"""GET /v1/invitations/<id>.ics: the proposed call as an iCalendar file."""

from __future__ import annotations

from flask import Blueprint, Response, request

from ..conflict import ics, link
from ..errors import TactfulError
from .state import services

bp = Blueprint("invitations", __name__)


def _slot() -> int | None:
    raw = request.args.get("slot")
    if raw is None:
        return None
    if not raw.isdigit():
        raise TactfulError("invalid_value", "slot must be a whole number (0 for the first proposed time)",
                           field="slot", status=422)
    return int(raw)


@bp.get("/v1/invitations/<invitation_id>.ics")
def invitation(invitation_id: str):
    """Every proposed slot as a tentative event, or ?slot=N alone as a confirmed one."""
    call = link.decode(invitation_id, services().token)
    body = ics.to_ics(call, invitation_id, _slot())
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'attachment; filename="tactful-call.ics"'})
