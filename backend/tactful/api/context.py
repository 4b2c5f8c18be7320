"""What the routes share through the app: settings, database, rules."""

from __future__ import annotations

from flask import current_app

from ..config import Settings
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
