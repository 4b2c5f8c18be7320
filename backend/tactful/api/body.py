"""Read a JSON request body with errors that say what is wrong."""

from __future__ import annotations

import json

from flask import request

from ..errors import TactfulError


def json_body() -> object:
    """The parsed JSON body, or a 400 naming the problem (no body, not JSON, bad encoding)."""
    raw = request.get_data(cache=False)
    if not raw:
        raise TactfulError("malformed_json", "the request has no body; send a JSON object", status=400)
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise TactfulError("malformed_json", "the body is not UTF-8 text", status=400) from None
    except json.JSONDecodeError as exc:
        raise TactfulError("malformed_json", f"the body is not valid JSON: {exc.msg} at line {exc.lineno} "
                           f"column {exc.colno}", status=400) from None
