"""Shared fixtures: an isolated TACTFUL_HOME, the app built by its factory, an authorised client."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from support.postgres import PostgresServer
from support.smtp import SMTPServer
from tactful.api import create_app
from tactful.config import Settings
from tactful.api.state import services

_databases = itertools.count()
# Property tests draw the same examples on every run: a failure is reproducible, never a coin toss in CI.
hypothesis_settings.register_profile("tactful", derandomize=True)
hypothesis_settings.load_profile("tactful")
# The compiled-rules cache of this test session, not the user's (subprocesses inherit it).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="tactful-test-cache-")
FIELD = Path(__file__).resolve().parent / "field"


def pytest_ignore_collect(collection_path, config):
    """tests/field (the second gate, on ../shared) runs only when named: python3 -m tox -e field."""
    if collection_path != FIELD:
        return None
    here = config.invocation_params.dir
    named = [(here / arg.split("::")[0]).resolve() for arg in config.args]
    return not any(path == FIELD or FIELD in path.parents for path in named)


@pytest.fixture(scope="session")
def playwright():
    """Playwright for the whole session: one sync driver, shared by every test that drives Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def postgres():
    """One real PostgreSQL server for the session (Debian's package, started here)."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, home, monkeypatch):
    """Run the test once on SQLite in TACTFUL_HOME and once on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{home / 'tactful.db'}"
    else:
        url = request.getfixturevalue("postgres").create_database(f"tactful_{next(_databases)}")
    monkeypatch.setenv("TACTFUL_DATABASE_URL", url)
    return url


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh instance folder, with no token or rules leaking in from the environment."""
    monkeypatch.setenv("TACTFUL_HOME", str(tmp_path / "home"))
    for name in ("TACTFUL_TOKEN", "TACTFUL_RULES", "TACTFUL_EXTENSION_IDS", "TACTFUL_DATABASE_URL",
                 "TACTFUL_SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture
def settings(home):
    return Settings.from_env()


@pytest.fixture
def app(settings):
    return create_app(settings, TESTING=True)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth(app):
    return {"Authorization": f"Bearer {services(app).token}"}


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) on a free loopback port, recording what it accepts."""
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def mail_app(database_url, smtp, monkeypatch):
    """The service with a real mail server set up (TACTFUL_SMTP_URL), as the service path needs."""
    monkeypatch.setenv("TACTFUL_SMTP_URL", smtp.url)
    app = create_app()
    yield app
    services(app).db.dispose()


@pytest.fixture
def mail_api(mail_app):
    """call(method, path, body=None) against mail_app, with the token."""
    client = mail_app.test_client()
    headers = {"Authorization": f"Bearer {services(mail_app).token}"}
    return lambda method, path, body=None: client.open(path, method=method, json=body, headers=headers)
