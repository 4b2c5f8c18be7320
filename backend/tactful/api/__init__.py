"""The HTTP shell: an app factory that wires blueprints, auth, CORS and the one error shape."""

from __future__ import annotations

import logging

from flask import Flask

from ..config import Settings
from ..instance import secure_home
from ..outbox.transports import transports_from
from ..storage import open_database
from ..tone.packs import default_rules, load_rules, rule_folders
from . import analyze, choices, clients, errors, etiquette, health, invitations, me, openapi, reminders, scheduled, timing
from . import demo as demo_pages
from .security import install_auth, install_cors

# Bodies up to 100,000 characters of text, JSON-escaped (\uXXXX is 6 bytes), plus the other fields.
MAX_BODY = 2 * 1024 * 1024


def create_app(settings: Settings | None = None, demo: bool = False, **overrides) -> Flask:
    """Build the Flask app for the given settings (from the environment by default); demo adds /demo pages."""
    settings = settings or Settings.from_env()
    secure_home(settings.home)
    app = Flask("tactful")
    app.config.update(MAX_CONTENT_LENGTH=MAX_BODY, **overrides)
    app.json.sort_keys = False
    app.extensions["tactful.settings"] = settings
    app.extensions["tactful.token"] = settings.token()
    folders = rule_folders(settings.rules)
    app.extensions["tactful.rules"] = default_rules() if not settings.rules else load_rules(*folders)
    app.extensions["tactful.db"] = open_database(settings.database_url, settings.home)
    app.extensions["tactful.transports"] = transports_from(settings.smtp_url, settings.home)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    errors.install(app)
    install_cors(app, settings.extension_ids)
    install_auth(app)
    for module in (health, analyze, clients, choices, etiquette, me, timing, reminders, scheduled, invitations,
                   openapi):
        app.register_blueprint(module.bp)
    if demo:
        demo_pages.install(app)
    return app
