"""Bearer-token auth on every /v1 route but health, and CORS for the extension's origins only."""

from __future__ import annotations

import hmac
import re

from flask import Flask, request
from flask_cors import CORS

from .. import extension_seen
from ..errors import TactfulError
from .state import services

PUBLIC_ENDPOINTS = {"health.health", "openapi.spec"}
# flask-cors uses re.match without anchoring the end: anchor both ends ourselves.
FIREFOX_ORIGIN = r"^moz-extension://[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
_EXTENSION_ID = re.compile(r"^[a-p]{32}$")
_EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://", "extension://")


def extension_origins(ids: tuple[str, ...]) -> list[str]:
    """Exact chrome-extension:// origins for the configured ids, plus the anchored Firefox pattern."""
    for ext_id in ids:
        if not _EXTENSION_ID.match(ext_id):
            raise TactfulError("invalid_setting", f"TACTFUL_EXTENSION_IDS: {ext_id!r} is not a Chrome/Edge "
                               "extension id (32 letters a–p)", field="TACTFUL_EXTENSION_IDS")
    return [f"chrome-extension://{ext_id}" for ext_id in ids] + [FIREFOX_ORIGIN]


def install_cors(app: Flask, ids: tuple[str, ...]) -> None:
    """Admit only the extension's own origins."""
    CORS(app, resources={r"/v1/*": {"origins": extension_origins(ids)}},
         allow_headers=["Authorization", "Content-Type"], methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
         max_age=600)


def install_auth(app: Flask) -> None:
    """Require `Authorization: Bearer <token>` on /v1 routes except the public ones."""

    @app.before_request
    def _require_token():
        if request.method == "OPTIONS" or request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if not request.path.startswith("/v1/"):
            return None
        header = request.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        expected = services().token
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise TactfulError("unauthorized", "missing or wrong token: send 'Authorization: Bearer <token>' "
                               "(see `tactful token`)", field="Authorization", status=401)
        origin = request.headers.get("Origin", "")
        if origin.startswith(_EXTENSION_SCHEMES):
            extension_seen.record(services().settings.home, origin)
        return None
