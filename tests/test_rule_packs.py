"""Every rule's own examples (the self-test), pack validity, unique ids, coverage, and team-pack merging."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tactful.errors import TactfulError
from tactful.tone.engine import analyze
from tactful.tone.packs import BUILTIN_DIR, CATEGORIES, LANGS, load_pack, load_rules, pack_files
from tactful.tone.selftest import check_rule

BUILTIN = load_rules(BUILTIN_DIR)


@pytest.mark.parametrize("rule", BUILTIN.rules, ids=lambda r: r.id)
def test_every_example_of_every_rule(rule):
    """The self-test `tactful rules check` runs: marked spans found, passes pass, suggestions fit where they go."""
    assert [str(f) for f in check_rule(rule, BUILTIN)] == []


@pytest.mark.parametrize("path", pack_files(BUILTIN_DIR), ids=lambda p: p.name)
def test_every_pack_is_valid_and_ids_carry_its_language(path):
    lang, kind, rules, disabled = load_pack(path)
    assert lang in LANGS and not disabled
    assert rules, f"{path} holds no rules"
    assert all(r.id.startswith(f"{lang}.{r.category}.") for r in rules)
    assert all(r.kind == kind for r in rules)


def test_rule_ids_are_unique_across_packs():
    ids = Counter(rule.id for path in pack_files(BUILTIN_DIR) for rule in load_pack(path)[2])
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_category_is_covered(lang):
    covered = {r.category for r in BUILTIN.for_lang(lang)}
    assert covered >= set(CATEGORIES)


def test_conflict_cues_never_run_as_tone_findings():
    conflict = [r for r in BUILTIN.rules if r.kind == "conflict"]
    assert all(r not in BUILTIN.for_lang(r.lang) for r in conflict)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_RULE = """
  - id: en.urgency.zebra-protocol
    category: urgency
    severity: warning
    phrases: ["zebra protocol"]
    message: A made-up rule for the merge test.
    suggestions: ["Could you look at this by Thursday?"]
    examples:
      flag: ["Please follow the zebra protocol today."]
      pass: ["Please review this by Thursday."]
"""


def test_broken_pack_names_file_line_rule_and_field(tmp_path):
    path = _write(tmp_path, "team.yaml", "lang: en\nkind: tone\nrules:" + GOOD_RULE.replace(
        "severity: warning", "severity: loud"))
    with pytest.raises(TactfulError) as info:
        load_pack(path)
    message = info.value.message
    assert "team.yaml:" in message and "en.urgency.zebra-protocol" in message and "severity" in message
    assert ":6:" in message or ":5:" in message


def test_pack_with_bad_regex_names_the_rule(tmp_path):
    path = _write(tmp_path, "team.yaml", "lang: en\nkind: tone\nrules:" + GOOD_RULE.replace(
        'phrases: ["zebra protocol"]', 'pattern: "drop (everything"'))
    with pytest.raises(TactfulError) as info:
        load_pack(path)
    assert "en.urgency.zebra-protocol" in info.value.message and "pattern" in info.value.message


def test_id_must_carry_the_pack_language(tmp_path):
    path = _write(tmp_path, "team.yaml", "lang: es\nkind: tone\nrules:" + GOOD_RULE)
    with pytest.raises(TactfulError) as info:
        load_pack(path)
    assert "'es.'" in info.value.message


def test_invalid_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, "team.yaml", "lang: en\nkind: tone\nrules:\n  - id: [unclosed\n")
    with pytest.raises(TactfulError) as info:
        load_pack(path)
    assert "team.yaml:" in info.value.message and "YAML" in info.value.message


def test_team_pack_adds_replaces_and_disables(tmp_path):
    first = BUILTIN.for_lang("en")[0]
    team = _write(tmp_path / "team", "ours.yaml", "lang: en\nkind: tone\nrules:" + GOOD_RULE
                  + f"\n  - id: {first.id}\n    disabled: true\n")
    merged = load_rules(BUILTIN_DIR, team.parent)
    assert merged.get("en.urgency.zebra-protocol") is not None
    assert merged.get(first.id) is None
    text = "Please follow the zebra protocol today."
    assert any(f.rule == "en.urgency.zebra-protocol" for f in analyze(text, "en", ruleset=merged).findings)


@pytest.mark.parametrize("flag, problem", [
    ("Please follow the <marker>zebra protocol today.", "never closed"),
    ("Please follow the zebra protocol</marker> today.", "without an <marker>"),
    ("Please follow the <marker></marker>zebra protocol today.", "empty"),
    ("Please <marker>follow <marker>the zebra</marker> protocol</marker> today.", "inside another"),
])
def test_a_malformed_marker_names_file_line_rule_and_example(tmp_path, flag, problem):
    path = _write(tmp_path, "team.yaml", "lang: en\nkind: tone\nrules:" + GOOD_RULE.replace(
        '["Please follow the zebra protocol today."]', f'["Please review it.", "{flag}"]'))
    with pytest.raises(TactfulError) as info:
        load_pack(path)
    message = info.value.message
    assert "team.yaml:11:" in message and "en.urgency.zebra-protocol" in message and problem in message
    assert info.value.field == "examples.flag.1"


def test_a_pass_example_has_nothing_to_mark(tmp_path):
    path = _write(tmp_path, "team.yaml", "lang: en\nkind: tone\nrules:" + GOOD_RULE.replace(
        '["Please review this by Thursday."]', '["Please review <marker>this</marker> by Thursday."]'))
    with pytest.raises(TactfulError) as info:
        load_pack(path)
    assert "pass example has nothing to mark" in info.value.message and info.value.field == "examples.pass.0"


def test_findings_carry_advice_and_the_fixed_span_first(tmp_path):
    rule = """
  - id: en.urgency.zebra-caps
    category: urgency
    severity: warning
    pattern: 'ZEBRA [A-Z]+'
    case_sensitive: true
    fix: lower_case
    message: A made-up rule for the advice test.
    suggestions: ["Zebra protocol"]
    advice: ["Write it in normal case."]
    examples:
      flag: ["Follow the <marker>ZEBRA PROTOCOL</marker> today."]
      pass: ["Follow the zebra protocol today."]
"""
    team = _write(tmp_path / "team", "ours.yaml", "lang: en\nkind: tone\nrules:" + rule)
    merged = load_rules(BUILTIN_DIR, team.parent)
    text = "Please follow the ZEBRA PROTOCOL today."
    finding = next(f for f in analyze(text, "en", ruleset=merged).findings if f.rule == "en.urgency.zebra-caps")
    assert finding.suggestions == ("zebra protocol", "zebra protocol")
    assert finding.to_dict()["advice"] == ["Write it in normal case."]
    assert finding.to_dict()["suggestions"] == ["zebra protocol", "zebra protocol"]


@pytest.mark.parametrize("rewrite, problem", [
    ('{"zebra (protocol": "the steps"}', "does not compile"),
    ('{"zebra protocol": "the \\\\2 steps"}', "refers to a group"),
], ids=["bad-regex", "missing-group"])
def test_a_broken_rewrite_names_the_rule(tmp_path, rewrite, problem):
    path = _write(tmp_path, "team.yaml", "lang: en\nkind: tone\nrules:" + GOOD_RULE.replace(
        "    message:", f"    rewrite: {rewrite}\n    message:"))
    with pytest.raises(TactfulError) as info:
        load_pack(path)
    assert "en.urgency.zebra-protocol" in info.value.message and problem in info.value.message
    assert info.value.field == "rewrite"
