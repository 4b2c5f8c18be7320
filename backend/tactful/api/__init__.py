"""The HTTP shell: an app factory that wires blueprints, auth, CORS and the one error shape."""

from __future__ import annotations

import logging

from flask import Flask

from ..config import Settings
from . import analyze, choices, clients, errors, etiquette, health, invitations, me, openapi, reminders, scheduled, timing
from . import demo as demo_pages
from .security import install_auth, install_cors
from .state import KEY, Services

# Bodies up to 100,000 characters of text, JSON-escaped (\uXXXX is 6 bytes), plus the other fields.
MAX_BODY = 2 * 1024 * 1024


def create_app(settings: Settings | None = None, demo: bool = False, services: Services | None = None,
               **overrides) -> Flask:
    """Build the Flask app on the given services (built from the settings, or the environment, by default);
    demo adds /demo pages."""
    services = services or Services.build(settings)
    app = Flask("tactful")
    app.config.update(MAX_CONTENT_LENGTH=MAX_BODY, **overrides)
    app.json.sort_keys = False
    app.extensions[KEY] = services
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    errors.install(app)
    install_cors(app, services.settings.extension_ids)
    install_auth(app)
    for module in (health, analyze, clients, choices, etiquette, me, timing, reminders, scheduled, invitations,
                   openapi):
        app.register_blueprint(module.bp)
    if demo:
        demo_pages.install(app)
    return app
