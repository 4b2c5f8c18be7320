"""Every error leaves the service as {"error": {"code", "message", "field"?}}: a 4xx, or a 503 the user can wait out.

What the database or the disk refused is said plainly (storage.failures). Anything else is a bug: it is
answered 500 with an error id, and logged with that id, the exception's type and where it was raised —
never the request's text, which may be a draft.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from ..errors import TactfulError, internal, where_raised
from ..storage import failures
from .state import KEY

log = logging.getLogger("tactful.api")

_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 415: "unsupported_media_type"}


def error_response(err: TactfulError, headers: dict | None = None):
    """The JSON response for a TactfulError (503s say when to try again)."""
    headers = dict(headers or {})
    if err.status == 503:
        headers.setdefault("Retry-After", str(failures.RETRY_AFTER))
    return jsonify(err.to_dict()), err.status, headers


def _where_data_is() -> str:
    shared = current_app.extensions.get(KEY)
    return shared.db.where if shared is not None else "the instance folder"


def install(app: Flask) -> None:
    """Register handlers so no request ever gets HTML or a traceback."""

    @app.errorhandler(TactfulError)
    def _tactful(err: TactfulError):
        return error_response(err)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = _CODES.get(exc.code, "http_error")
        message = exc.description or exc.name
        headers = {}
        if exc.code == 413:
            message = "the request body is larger than the service accepts (2 MB); text may hold at most 100,000 characters"
        if exc.code == 405:
            valid = list(getattr(exc, "valid_methods", None) or ())
            allowed = [m for m in valid if m not in ("OPTIONS", "HEAD")]
            headers["Allow"] = ", ".join(valid)
            message = f"{request.method} is not allowed on {request.path[:200]}; use {' or '.join(allowed)}"
        if exc.code == 404:
            message = f"no such resource: {request.path[:200]}"
        return error_response(TactfulError(code, message, status=exc.code or 400), headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        known = failures.describe(exc, _where_data_is())
        if known is not None:
            log.warning("%s %s: %s (%s at %s)", request.method, request.path[:200], known.code, type(exc).__name__,
                        where_raised(exc))
            return error_response(known)
        error_id, line = internal(exc)  # the type and place only: request bodies hold drafts, never logged
        log.error("%s (%s %s)", line, request.method, request.url_rule.rule if request.url_rule else "?")
        err = TactfulError("internal", f"the service could not handle this request (error id {error_id}: the "
                           "service's log says where it failed)", status=500)
        body = err.to_dict()
        body["error"]["id"] = error_id
        return jsonify(body), 500
