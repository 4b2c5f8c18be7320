"""`tactful doctor` against the real parts: a running `tactful serve`, a real SMTP server, a real database."""

from __future__ import annotations

import json
import urllib.request

import pytest
from click.testing import CliRunner

from support.service import Service
from tactful.cli import main


def _doctor(env: dict | None = None) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["doctor", "--json"], env=env)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, {line["name"]: line for line in lines}


@pytest.fixture
def service(home):
    home.mkdir(parents=True, exist_ok=True)
    running = Service(home, {})
    running.start()
    yield running
    running.stop()


def test_a_fresh_machine_is_told_to_start_the_service(home, monkeypatch):
    monkeypatch.setenv("TACTFUL_PORT", "1")  # nothing listens there
    status, lines = _doctor()
    assert status == 1
    assert lines["token"]["status"] == "fail" and "tactful serve" in lines["token"]["fix"]
    assert lines["service"]["status"] == "fail" and "tactful serve" in lines["service"]["fix"]
    assert lines["database"]["status"] == "warn" and lines["rule packs"]["status"] == "ok"
    assert not home.exists(), "doctor must not create the instance folder"


def test_everything_a_new_user_needs_with_the_service_running(service, home, monkeypatch):
    monkeypatch.setenv("TACTFUL_PORT", str(service.port))
    monkeypatch.setenv("TACTFUL_TOKEN", "secret")
    status, lines = _doctor()
    assert status == 0, lines
    assert {name: line["status"] for name, line in lines.items()} == {
        "instance folder": "ok", "token": "ok", "service": "ok", "token accepted": "ok", "database": "ok",
        "mail transport": "warn", "rule packs": "ok", "extension": "warn"}
    assert "file outbox" in lines["mail transport"]["detail"] and "TACTFUL_SMTP_URL" in lines["mail transport"]["fix"]


def test_a_service_started_with_another_token_is_named(service, home, monkeypatch):
    monkeypatch.setenv("TACTFUL_PORT", str(service.port))
    monkeypatch.setenv("TACTFUL_TOKEN", "not-the-one")
    status, lines = _doctor()
    assert status == 1 and lines["token accepted"]["status"] == "fail"
    assert "another TACTFUL_HOME or TACTFUL_TOKEN" in lines["token accepted"]["fix"]


def test_the_extension_is_seen_when_it_calls_with_its_origin(service, home, monkeypatch):
    monkeypatch.setenv("TACTFUL_PORT", str(service.port))
    monkeypatch.setenv("TACTFUL_TOKEN", "secret")
    request = urllib.request.Request(f"http://127.0.0.1:{service.port}/v1/me", headers={
        "Authorization": "Bearer secret", "Origin": "chrome-extension://fkbkppgmccpkcagnnligifafnieemgma"})
    urllib.request.urlopen(request, timeout=5).close()
    _status, lines = _doctor()
    assert lines["extension"]["status"] == "ok" and "chrome-extension://" in lines["extension"]["detail"]


def test_the_mail_server_is_reached_and_nothing_is_sent(home, smtp, monkeypatch):
    monkeypatch.setenv("TACTFUL_PORT", "1")
    monkeypatch.setenv("TACTFUL_SMTP_URL", smtp.url)
    _status, lines = _doctor()
    assert lines["mail transport"]["status"] == "ok" and f"127.0.0.1:{smtp.port}" in lines["mail transport"]["detail"]
    assert smtp.handler.received == []
    smtp.stop()
    _status, lines = _doctor()
    assert lines["mail transport"]["status"] == "fail" and "cannot reach" in lines["mail transport"]["detail"]


def test_a_broken_team_pack_is_named_with_its_file(home, tmp_path, monkeypatch):
    team = tmp_path / "team"
    team.mkdir()
    (team / "ours.yaml").write_text("lang: en\nkind: tone\nrules:\n  - id: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("TACTFUL_RULES", str(team))
    monkeypatch.setenv("TACTFUL_PORT", "1")
    status, lines = _doctor()
    assert status == 1 and lines["rule packs"]["status"] == "fail" and "ours.yaml" in lines["rule packs"]["detail"]


def test_the_human_report_puts_the_fix_under_the_problem(home, monkeypatch):
    monkeypatch.setenv("TACTFUL_PORT", "1")
    result = CliRunner().invoke(main, ["doctor"])
    lines = result.stdout.splitlines()
    service = next(i for i, line in enumerate(lines) if line.startswith("FAIL  service"))
    assert lines[service + 1].strip().startswith("→ start it: tactful serve")
