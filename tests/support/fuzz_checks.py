"""Schemathesis hooks for the fuzz test: every error answer is the one error shape, and nothing else."""

from __future__ import annotations

import schemathesis

ALLOWED = {"code", "message", "field", "id"}


@schemathesis.check
def one_error_shape(ctx, response, case):
    """A 4xx or 5xx answer is JSON {"error": {"code", "message", "field"?, "id"?}} with string values."""
    if response.status_code < 400:
        return None
    try:
        body = response.json()
    except Exception as exc:  # noqa: BLE001 - any body that is not JSON is the failure itself
        raise AssertionError(f"{response.status_code} answered with a body that is not JSON: {exc}") from None
    if not isinstance(body, dict) or set(body) != {"error"} or not isinstance(body["error"], dict):
        raise AssertionError(f"{response.status_code} answered {str(body)[:200]!r}, not {{'error': {{…}}}}")
    error = body["error"]
    if not {"code", "message"} <= set(error) <= ALLOWED or not all(isinstance(v, str) for v in error.values()):
        raise AssertionError(f"{response.status_code} error object {str(error)[:200]!r} is not code, message, field?")
    if not error["message"].strip():
        raise AssertionError(f"{response.status_code} error {error['code']!r} has an empty message")
    return None
