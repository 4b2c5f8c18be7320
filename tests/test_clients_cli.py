"""`tactful clients …` and `tactful next-window`, against the real database in TACTFUL_HOME."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tactful.cli import main

HOURS = {"timezone": "Europe/Warsaw", "weekly": {"mon": [["09:00", "17:00"]], "fri": [["22:00", "02:00"]]},
         "holidays": {"country": "PL"}}


@pytest.fixture
def run(home):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input)

    return invoke


def test_add_list_show_edit_remove(run, tmp_path):
    hours = tmp_path / "hours.json"
    hours.write_text(json.dumps(HOURS), encoding="utf-8")
    added = run("clients", "add", "--name", "Kowalski Sp. z o.o.", "--email", "jan@kowalski.pl", "--domain",
                "kowalski.pl", "--language", "pl", "--formality", "formal", "--channel", "quick=whatsapp",
                "--cadence", "week fri 16:00", "--hours", f"@{hours}", "--json")
    assert added.exit_code == 0, added.output
    client = json.loads(added.output)
    assert client["id"] == "kowalski-sp-z-o-o" and client["report_cadence"] == {"every": "week", "on": "fri",
                                                                               "at": "16:00"}
    assert "kowalski-sp-z-o-o" in run("clients", "list").output
    assert run("clients", "edit", client["id"], "--formality", "informal", "--json").output.count('"informal"') == 1
    shown = json.loads(run("clients", "show", client["id"], "--json").output)
    assert shown["formality"] == "informal" and shown["emails"] == ["jan@kowalski.pl"]
    assert run("clients", "remove", client["id"]).exit_code == 0
    missing = run("clients", "show", client["id"])
    assert missing.exit_code == 2 and "no client with id" in missing.output


def test_bad_options_are_named(run):
    assert "--channel" in run("clients", "add", "--name", "X", "--channel", "whatsapp").output
    assert "not an e-mail address" in run("clients", "add", "--name", "X", "--email", "nope").output
    assert "--hours" in run("clients", "add", "--name", "X", "--hours", "{broken").output


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_round_trips(run, tmp_path, fmt):
    run("clients", "add", "--name", "Acme", "--domain", "acme.es", "--email", "ana@acme.es", "--hours",
        json.dumps(HOURS), "--channel", "conflict=call", "--notes", "Facturas: finanzas@acme.es; sin IVA")
    run("clients", "add", "--name", "Kiwi", "--email", "tom@kiwi.co.uk")
    exported = tmp_path / f"clients.{fmt}"
    assert run("clients", "export", "--format", fmt, exported).exit_code == 0
    before = run("clients", "list", "--json").output
    for client_id in ("acme", "kiwi"):
        run("clients", "remove", client_id)
    assert run("clients", "import", exported).output.strip() == "imported 2 clients (2 added, 0 replaced)"
    assert run("clients", "list", "--json").output == before


def test_a_bad_row_is_reported_by_line_and_field_and_nothing_is_imported(run, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text("id,name,emails,contact_hours\n"
                    "good,Good Co,a@good.com,\n"
                    'bad,Bad Co,b@bad.com,"{""timezone"": ""Europe/Nowhere"", ""weekly"": {}}"\n', encoding="utf-8")
    result = run("clients", "import", path)
    assert result.exit_code == 2
    assert "line 3" in result.output and "contact_hours.timezone" in result.output
    assert run("clients", "list").output == ""


def test_import_conflict_rolls_back_everything(run, tmp_path):
    run("clients", "add", "--name", "Owner", "--email", "x@shared.com")
    path = tmp_path / "clients.json"
    path.write_text(json.dumps([{"name": "New One"}, {"name": "Thief", "emails": ["x@shared.com"]}]), encoding="utf-8")
    result = run("clients", "import", path)
    assert result.exit_code == 2 and "client 2 (Thief)" in result.output and "nothing was imported" in result.output
    assert [json.loads(line)["id"] for line in run("clients", "list", "--json").output.splitlines()] == ["owner"]


def test_next_window_single_and_streaming(run, tmp_path):
    hours = tmp_path / "hours.json"
    hours.write_text(json.dumps(HOURS), encoding="utf-8")
    # Saturday 01:00 in Warsaw is inside Friday's 22:00–02:00 window.
    inside = json.loads(run("next-window", "--hours", hours, "--at", "2026-11-21T01:00:00+01:00").output)
    assert inside == {"within": True, "send_at": "2026-11-21T01:00:00+01:00"}
    # After Monday's window closes, the next one is Friday 22:00 in Warsaw, answered in the offset asked in.
    later = json.loads(run("next-window", "--hours", hours, "--at", "2026-11-09T18:00:00+01:00").output)
    assert later == {"within": False, "send_at": "2026-11-13T22:00:00+01:00"}
    asked_in_utc = json.loads(run("next-window", "--hours", f"@{hours}", "--at", "2026-11-09T17:00:00Z").output)
    assert asked_in_utc == {"within": False, "send_at": "2026-11-13T21:00:00+00:00"}
    inline = json.loads(run("next-window", "--hours", json.dumps(HOURS), "--at", "2026-11-09T17:00:00Z").output)
    assert inline == asked_in_utc
    lines = "\n".join([json.dumps({"id": "a", "hours": HOURS, "at": "2026-11-23T08:59:00+01:00"}), "{oops",
                       json.dumps({"id": "c", "hours": {**HOURS, "weekly": {"mon": [["25:00", "26:00"]]}},
                                   "at": "2026-11-23T08:59:00+01:00"})])
    out = [json.loads(line) for line in run("next-window", "--jsonl", input=lines + "\n").output.splitlines()]
    assert out[0] == {"id": "a", "within": False, "send_at": "2026-11-23T09:00:00+01:00"}
    assert out[1]["error"]["code"] == "malformed_json"
    assert out[2]["id"] == "c" and out[2]["error"]["field"] == "hours.weekly.mon.0.0"
    assert "--at" in run("next-window", "--hours", hours, "--at", "tomorrow").output


@pytest.mark.parametrize("form", ["plain", "at", "inline"])
def test_hours_take_one_json_convention_everywhere(run, tmp_path, form):
    path = tmp_path / "acme-hours.json"
    path.write_text(json.dumps(HOURS), encoding="utf-8")
    value = {"plain": str(path), "at": f"@{path}", "inline": json.dumps(HOURS)}[form]
    added = run("clients", "add", "--name", "Acme", "--hours", value, "--json")
    assert json.loads(added.output)["contact_hours"]["timezone"] == HOURS["timezone"]
    answer = json.loads(run("next-window", "--hours", value, "--at", "2026-11-09T17:00:00Z").output)
    assert answer["within"] is False


@pytest.mark.parametrize("value, says", [
    ("missing.json", "--hours: no file missing.json"),
    ("@missing.json", "--hours: no file missing.json"),
    ("{not json", "--hours: the value is not valid JSON"),
])
def test_a_bad_hours_value_is_named_never_an_internal_error(home, tmp_path, monkeypatch, value, says):
    monkeypatch.chdir(tmp_path)
    for command in (["clients", "add", "--name", "Acme", "--hours", value], ["next-window", "--hours", value]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert says in result.output and "internal error" not in result.output
