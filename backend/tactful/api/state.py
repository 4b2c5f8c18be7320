"""What the routes share, as one typed object built once per process and handed to create_app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

from ..config import Settings
from ..storage import Database
from ..tone.packs import RuleSet

if TYPE_CHECKING:
    from ..clients.reminders import ReminderJobs
    from ..outbox.runner import Dispatcher

KEY = "tactful"


@dataclass
class Services:
    """Settings, token, rule packs, database and mail transports; the delivery and report schedulers only
    in the process that runs them (`tactful serve`, `tactful worker`); the demo pages' folder with --demo."""

    settings: Settings
    token: str
    rules: RuleSet
    db: Database
    transports: Any
    dispatcher: Dispatcher | None = None
    reminder_jobs: ReminderJobs | None = None
    demo_pages: Path | None = None

    @classmethod
    def build(cls, settings: Settings | None = None) -> "Services":
        """Open everything the settings (the environment by default) name: instance folder first."""
        from ..instance import secure_home
        from ..outbox.transports import transports_from
        from ..storage import open_database
        from ..tone.packs import default_rules, load_rules, rule_folders

        settings = settings or Settings.from_env()
        secure_home(settings.home)
        rules = default_rules() if not settings.rules else load_rules(*rule_folders(settings.rules))
        return cls(settings, settings.token(), rules, open_database(settings.database_url, settings.home),
                   transports_from(settings.smtp_url, settings.home))


def services(app: Flask | None = None) -> Services:
    """The app's services (the current app's by default)."""
    return (app or current_app).extensions[KEY]
