"""What the routes share through the app's services: settings, database, rules, and the interface language."""

from __future__ import annotations

from flask import request

from ..config import Settings
from ..errors import TactfulError
from ..i18n import UI_LANGS
from ..storage import Database
from ..tone.packs import RuleSet
from .state import services


def settings() -> Settings:
    """The service's settings."""
    return services().settings


def database() -> Database:
    """The open database."""
    return services().db


def rules() -> RuleSet:
    """The loaded rule packs."""
    return services().rules


def reminder_jobs():
    """The report scheduler, when this process runs it (tactful serve), else None."""
    return services().reminder_jobs


def transports():
    """The file outbox and the SMTP server (if set up) this service delivers with."""
    return services().transports


def ui_language(session) -> str:
    """The interface language: ?lang=, else the user's profile, else English."""
    from ..profile import me

    asked = request.args.get("lang")
    if asked is not None and asked not in UI_LANGS:
        raise TactfulError("invalid_value", f"lang must be one of {', '.join(UI_LANGS)}", field="lang", status=422)
    return asked or me.to_dict(me.get(session))["language"]
