"""The rule self-test fails each way a rule can break its promise: a deliberately bad pack for every check."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tactful.cli import main
from tactful.tone.packs import BUILTIN_DIR, load_rules
from tactful.tone.selftest import check_rule

RULE = """lang: en
kind: tone
rules:
  - id: en.urgency.zebra-protocol
    category: urgency
    severity: warning
    phrases: ["zebra protocol"]
    message: A made-up rule for the self-test tests.
    suggestions: {suggestions}
    examples:
      flag: [{flag}]
      pass: [{passes}]
"""
GOOD = {"suggestions": '["the usual steps"]', "flag": '"Please follow the <marker>zebra protocol</marker> today."',
        "passes": '"Please review this by Thursday."'}


def _problems(tmp_path: Path, **changes) -> list[str]:
    """The self-test's complaints about the made-up rule, merged over the built-in packs as a team pack is."""
    folder = tmp_path / "team"
    folder.mkdir(exist_ok=True)
    (folder / "team.yaml").write_text(RULE.format(**{**GOOD, **changes}), encoding="utf-8")
    rules = load_rules(BUILTIN_DIR, folder)
    return [str(f) for f in check_rule(rules.get("en.urgency.zebra-protocol"), rules)]


def test_a_good_rule_passes_every_check(tmp_path):
    assert _problems(tmp_path) == []


@pytest.mark.parametrize("changes, problem", [
    ({"flag": '"Please follow the zebra protocol today."'}, "marks no words"),
    ({"flag": '"Please <marker>follow</marker> the zebra protocol today."'}, "no finding covers the marked 'follow'"),
    ({"flag": '"The <marker>zebra protocol</marker>, then the zebra protocol again."'},
     "flags 'zebra protocol', which is not marked"),
    ({"flag": '"Please follow the <marker>giraffe protocol</marker> today."'}, "should flag but did not"),
    ({"passes": '"Zebra protocol first."'}, "should pass but was flagged"),
], ids=["unmarked", "marker-not-covered", "finding-not-marked", "not-flagged", "pass-flagged"])
def test_examples_that_break_the_rule_fail(tmp_path, changes, problem):
    problems = _problems(tmp_path, **changes)
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize("suggestions, flag, problem", [
    ('["the usual steps, …"]', GOOD["flag"], "holds a placeholder"),
    ('["the zebra protocol again"]', GOOD["flag"], "is flagged by en.urgency.zebra-protocol"),
    ('["the steps ASAP"]', GOOD["flag"], "is flagged by en.urgency.asap"),
    ('["the usual steps."]', '"Please follow the <marker>zebra protocol</marker>, then reply."',
     "puts '.,' in the sentence"),
], ids=["placeholder", "same-rule", "other-rule", "seam"])
def test_suggestions_that_do_not_fit_where_they_go_fail(tmp_path, suggestions, flag, problem):
    problems = _problems(tmp_path, suggestions=suggestions, flag=flag)
    assert any(problem in p for p in problems), problems


def test_a_fix_or_rewrite_that_leaves_a_problem_fails(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "team.yaml").write_text("""lang: en
kind: tone
rules:
  - id: en.shouting.zebra-caps
    category: shouting
    severity: warning
    pattern: 'ZEBRA (?:URGENT|NOW)'
    case_sensitive: true
    fix: lower_case
    rewrite: {"zebra now": "zebra asap"}
    message: A made-up rule whose own corrections are still problems.
    examples:
      flag: ["It is <marker>ZEBRA URGENT</marker>, really.", "Do it <marker>ZEBRA NOW</marker>, please."]
      pass: ["It is zebra time."]
""", encoding="utf-8")
    rules = load_rules(BUILTIN_DIR, folder)
    problems = [str(f) for f in check_rule(rules.get("en.shouting.zebra-caps"), rules)]
    assert any("'zebra urgent'" in p and "en.urgency.urgent" in p for p in problems), problems
    assert any("'zebra asap'" in p and "en.urgency.asap" in p for p in problems), problems


def test_rules_check_reports_a_suggestion_that_does_not_fit(tmp_path):
    (tmp_path / "team.yaml").write_text(RULE.format(**{**GOOD, "suggestions": '["the steps ASAP"]'}),
                                        encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "en.urgency.zebra-protocol" in result.output and "en.urgency.asap" in result.output
    assert "1 failing" in result.output
