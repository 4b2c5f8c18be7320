"""Token on first start, TACTFUL_TOKEN override, CORS limited to the extension's origins."""

from __future__ import annotations

import stat

import pytest

from tactful.api import create_app
from tactful.config import Settings
from tactful.errors import TactfulError

CHROME_ID = "abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://12345678-abcd-4ef0-9123-456789abcdef"


def test_token_is_created_once_and_private(home):
    first = Settings.from_env().token()
    assert len(first) >= 32
    assert Settings.from_env().token() == first
    mode = (home / "token").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_token_override_wins(home, monkeypatch):
    monkeypatch.setenv("TACTFUL_TOKEN", "team-secret")
    app = create_app()
    client = app.test_client()
    assert client.post("/v1/analyze", json={"text": "hi"},
                       headers={"Authorization": "Bearer team-secret"}).status_code == 200
    assert not (home / "token").exists()


def _preflight(client, origin):
    return client.options("/v1/analyze", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "authorization"})


@pytest.mark.parametrize("origin, allowed", [
    (f"chrome-extension://{CHROME_ID}", True),
    (FIREFOX, True),
    (FIREFOX + ".evil.example", False),
    ("https://evil.example/" + FIREFOX, False),
    ("chrome-extension://" + "b" * 32, False),
    (f"chrome-extension://{CHROME_ID}x", False),
    ("https://mail.google.com", False),
])
def test_cors_admits_only_extension_origins(home, monkeypatch, origin, allowed):
    monkeypatch.setenv("TACTFUL_EXTENSION_IDS", CHROME_ID)
    client = create_app().test_client()
    header = _preflight(client, origin).headers.get("Access-Control-Allow-Origin")
    assert (header == origin) is allowed


def test_bad_extension_id_is_refused(home, monkeypatch):
    monkeypatch.setenv("TACTFUL_EXTENSION_IDS", "not-an-id")
    with pytest.raises(TactfulError) as info:
        create_app()
    assert info.value.field == "TACTFUL_EXTENSION_IDS"


def test_default_bind_is_loopback(home):
    settings = Settings.from_env()
    assert (settings.host, settings.port) == ("127.0.0.1", 8722)


def test_bad_port_is_named(home, monkeypatch):
    monkeypatch.setenv("TACTFUL_PORT", "eighty")
    with pytest.raises(TactfulError) as info:
        Settings.from_env()
    assert info.value.field == "TACTFUL_PORT"
