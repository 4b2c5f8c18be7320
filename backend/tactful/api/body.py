"""Read a JSON request body with errors that say what is wrong."""

from __future__ import annotations

from flask import request

from .. import jsonread
from ..errors import TactfulError


def json_body() -> object:
    """The parsed JSON body: 415 unless it is declared application/json, 400 naming the problem otherwise."""
    if request.mimetype != "application/json":
        declared = request.headers.get("Content-Type") or "no Content-Type"
        raise TactfulError("unsupported_media_type", f"send the body as JSON with 'Content-Type: application/json' "
                           f"(this request declares {declared[:80]!r})", field="Content-Type", status=415)
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise TactfulError("unsupported_media_type", f"the body must be UTF-8 (this request declares charset "
                           f"{charset[:40]!r})", field="Content-Type", status=415)
    raw = request.get_data(cache=False)
    if not raw:
        raise TactfulError("malformed_json", "the request has no body; send a JSON object", status=400)
    return jsonread.loads(raw, "the body")
