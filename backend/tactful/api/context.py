"""What the routes share through the app: settings, database, rules."""

from __future__ import annotations

from flask import current_app, request

from ..config import Settings
from ..errors import TactfulError
from ..i18n import UI_LANGS
from ..storage import Database
from ..tone.packs import RuleSet


def settings() -> Settings:
    """The service's settings."""
    return current_app.extensions["tactful.settings"]


def database() -> Database:
    """The open database."""
    return current_app.extensions["tactful.db"]


def rules() -> RuleSet:
    """The loaded rule packs."""
    return current_app.extensions["tactful.rules"]


def reminder_jobs():
    """The report scheduler, when this process runs it (tactful serve), else None."""
    return current_app.extensions.get("tactful.reminder_jobs")


def transports():
    """The file outbox and the SMTP server (if set up) this service delivers with."""
    return current_app.extensions["tactful.transports"]


def ui_language(session) -> str:
    """The interface language: ?lang=, else the user's profile, else English."""
    from ..profile import me

    asked = request.args.get("lang")
    if asked is not None and asked not in UI_LANGS:
        raise TactfulError("invalid_value", f"lang must be one of {', '.join(UI_LANGS)}", field="lang", status=422)
    return asked or me.to_dict(me.get(session))["language"]
