"""Every error leaves the service as {"error": {"code", "message", "field"?}} with a 4xx status."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from ..errors import TactfulError

log = logging.getLogger("tactful.api")

_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 415: "unsupported_media_type"}


def error_response(err: TactfulError):
    """The JSON response for a TactfulError."""
    return jsonify(err.to_dict()), err.status


def install(app: Flask) -> None:
    """Register handlers so no request ever gets HTML or a traceback."""

    @app.errorhandler(TactfulError)
    def _tactful(err: TactfulError):
        return error_response(err)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = _CODES.get(exc.code, "http_error")
        message = exc.description or exc.name
        if exc.code == 413:
            message = "the request body is larger than the service accepts (2 MB); text may hold at most 100,000 characters"
        return error_response(TactfulError(code, message, status=exc.code or 400))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # Log the type and place only: request bodies hold draft text, which is never logged.
        log.error("internal error: %s at %s", type(exc).__name__, exc.__traceback__.tb_frame.f_code.co_name
                  if exc.__traceback__ else "?")
        return error_response(TactfulError("internal", "the service could not handle this request", status=500))
