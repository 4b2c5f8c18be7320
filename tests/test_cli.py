"""The `tactful` command: check (human, --json, --jsonl), rules, eval, token, and --help with examples."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner
from tactful.cli import COMMANDS, main

DRAFT = "Hola, Lorena:\nComo ya te dije, el plazo era el lunes.\nGracias."


@pytest.fixture
def run(home):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def _commands(group: click.Group, prefix=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


def test_the_lazy_command_list_says_what_each_command_says_of_itself():
    for name, (_module, _attribute, summary) in COMMANDS.items():
        command = main.get_command(click.Context(main), name)
        assert " ".join(command.help.split("\n\n")[0].split()) == summary, name


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=" ".join)
def test_every_command_has_help_with_an_example(run, path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and "tactful " in result.output.split("Example", 1)[1]


def test_check_marks_the_span_under_its_line(run):
    result = run("check", "--lang", "es", "-", input=DRAFT)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    head = next(i for i, line in enumerate(lines) if "passive_aggressive" in line)
    assert lines[head].startswith("<stdin>:2:1: warning:")
    assert lines[head + 1] == "  Como ya te dije, el plazo era el lunes."
    assert lines[head + 2].startswith("  ^~~~~~~~~~~~~~")


def test_check_shows_replacements_as_try_and_guidance_as_advice(run):
    result = run("check", "--lang", "es", "-", input=DRAFT)
    block = result.output.split("\n\n")[0].splitlines()
    tries = [line for line in block if line.startswith("  try: ")]
    advice = [line for line in block if line.startswith("  advice: ")]
    assert tries and advice and block.index(tries[-1]) < block.index(advice[0])
    assert "  try: Como recordatorio" in tries  # fits in place of "Como ya te dije" before ", el plazo…"
    assert not any("…" in line for line in tries)


def test_check_json_is_the_api_response(run, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    result = run("check", "--json", str(path))
    body = json.loads(result.output)
    assert body["lang"] == "es"
    assert all(DRAFT[f["start"]:f["end"]] == f["excerpt"] for f in body["findings"])
    assert all(isinstance(f["suggestions"], list) and isinstance(f["advice"], list) for f in body["findings"])


def test_clean_draft_exits_zero(run):
    result = run("check", "--lang", "en", "-", input="Thanks, Ana. The report is attached.")
    assert result.exit_code == 0
    assert "0 findings" in result.output


def test_jsonl_streams_in_order_and_survives_bad_lines(run):
    lines = [
        json.dumps({"id": "a", "text": "Per my last email, the copy was due Monday.", "lang": "en"}),
        "{not json",
        json.dumps({"id": "c", "text": "x", "lang": "fr"}),
        json.dumps({"id": 4, "text": "Usted puede revisarlo.", "formality": "formal", "thread": {"messages": 3}}),
    ]
    result = run("check", "--jsonl", input="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "c", 4]
    assert out[0]["findings"] and "error" not in out[0]
    assert out[1]["error"]["code"] == "malformed_json"
    assert out[2]["error"]["field"] == "lang"
    assert out[3]["lang"] == "es"


def test_rules_check_and_list(run):
    result = run("rules", "check")
    assert result.exit_code == 0, result.output
    assert "0 failing" in result.output
    listing = run("rules", "list", "--lang", "en", "--json").output.splitlines()
    assert listing and all(json.loads(line)["id"].startswith("en.") for line in listing)


def test_rules_check_reports_a_broken_team_pack(run, tmp_path):
    (tmp_path / "bad.yaml").write_text("lang: en\nkind: tone\nrules:\n  - id: en.rude.x\n    category: rude\n",
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "en.rude.x" in result.output


def test_eval_prints_scores_and_mistakes(run, tmp_path):
    path = tmp_path / "labelled.jsonl"
    rows = [{"id": "1", "lang": "en", "text": "Per my last email, the copy was due Monday.",
             "labels": ["passive_aggressive"]},
            {"id": "2", "lang": "en", "text": "Thanks, the invoice is attached.", "labels": ["ok"]},
            {"id": "3", "lang": "en", "text": "Fine.", "labels": ["sarcastic"]}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run("eval", str(path))
    assert "en" in result.output and "recall" in result.output
    assert "- 3: missed ['sarcastic']" in result.output
    scores = json.loads(run("eval", "--json", str(path)).output)["scores"]["en"]
    assert scores["recall"] == 0.5 and scores["precision"] == 1.0 and scores["ok_flagged"] == 0.0


def test_token_is_stable_and_names_its_home(run, home):
    created = run("token", "--create")
    again = run("token")
    assert created.stdout == again.stdout and len(again.stdout.strip()) >= 32
    assert str(home / "token") in again.stderr


def test_token_refuses_to_invent_a_token_for_a_folder_no_service_uses(run, home):
    result = CliRunner().invoke(main, ["token"])
    assert result.exit_code == 2 and result.stdout == ""
    assert str(home) in result.stderr and "tactful token --create" in result.stderr
    assert not (home / "token").exists()


def test_eval_reads_threads_and_scores_suggest_call(run, tmp_path):
    path = tmp_path / "threads.jsonl"
    rows = [{"id": "t1", "lang": "en", "incoming": "This is unacceptable. We are ending the contract.",
             "draft": "Noted.", "messages_in_thread": 4, "suggest_call": True},
            {"id": "t2", "lang": "en", "incoming": "Thanks, see you Tuesday.",
             "draft": "Thank you, see you then!", "messages_in_thread": 20, "suggest_call": False},
            {"id": "t3", "lang": "en", "incoming": "Fine.", "draft": "OK.", "messages_in_thread": 2,
             "suggest_call": True}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run("eval", str(path))
    assert "suggest_call" in result.output and "- t3: missed ['suggest_call']" in result.output
    call = json.loads(run("eval", "--json", str(path)).output)["scores"]["en"]["suggest_call"]
    assert call == {"labelled": 2, "flagged": 1, "recall": 0.5, "precision": 1.0}


def test_eval_names_a_thread_row_missing_its_label(run, tmp_path):
    path = tmp_path / "threads.jsonl"
    path.write_text(json.dumps({"id": "t1", "draft": "Hi", "incoming": "Hello"}) + "\n", encoding="utf-8")
    result = run("eval", str(path))
    assert result.exit_code == 2 and "missing 'suggest_call'" in result.output


def test_check_shows_the_call_suggestion_and_invitation(run, tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Tom,\nNoted, I'll look into it.\n", encoding="utf-8")
    incoming = tmp_path / "client.txt"
    incoming.write_text("Frankly, this is unacceptable. We are considering ending the contract.", encoding="utf-8")
    result = run("check", "--incoming", str(incoming), "--messages", "5", str(draft))
    assert result.exit_code == 1
    assert "call: a call would serve better than this e-mail" in result.output
    assert "The client's last message is about" in result.output
    assert "15-minute call" in result.output and "calendar: GET /v1/invitations/" in result.output
    quiet = run("check", str(draft))
    assert quiet.exit_code == 0 and "call" not in quiet.output.split(":", 1)[1]


def test_check_to_a_known_client_uses_their_channel_and_hours(run, tmp_path):
    hours = {"timezone": "Asia/Tokyo", "weekly": {d: [["10:00", "12:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}
    added = run("clients", "add", "--name", "Kiwi", "--email", "kenji@kiwi.example", "--language", "en",
                "--channel", "conflict=whatsapp", "--hours", json.dumps(hours))
    assert added.exit_code == 0, added.output
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Kenji,\nI will have to pause all work until the unpaid invoices are settled.\n",
                     encoding="utf-8")
    out = json.loads(run("check", "--json", "--to", "kenji@kiwi.example", str(draft)).output)
    call = out["suggest_call"]
    assert call["suggested"] and "on WhatsApp" in call["invitation"]
    assert all(s["client_timezone"] == "Asia/Tokyo" and "10:00" <= s["client"][-5:] < "12:00"
               for s in call["slot_times"])
    assert out["etiquette"][0]["name"] == "Kiwi"
