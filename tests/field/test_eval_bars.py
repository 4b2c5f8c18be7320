"""The tone engine on shared/eval/dev_drafts.jsonl stays above the bars of issue 2 (measured, not copied)."""

from __future__ import annotations

import pytest

from tactful.evaluation import read_rows, run, score


@pytest.fixture(scope="module")
def report(eval_dir):
    return score(run(read_rows(eval_dir / "dev_drafts.jsonl")))


@pytest.mark.parametrize("lang", ["es", "pl", "en"])
def test_draft_level_bars(report, lang):
    scores = report[lang]
    assert scores["recall"] >= 0.85
    assert scores["precision"] >= 0.90
    assert scores["ok_flagged"] <= 0.08


@pytest.mark.parametrize("lang", ["es", "pl", "en"])
def test_every_category_recall(report, lang):
    low = {cat: c["recall"] for cat, c in report[lang]["categories"].items() if c["labelled"] and c["recall"] < 0.75}
    assert low == {}


@pytest.fixture(scope="module")
def threads(eval_dir):
    path = eval_dir / "threads.jsonl"
    assert path.is_file(), f"{path} is missing"
    return score(run(read_rows(path)))


# A call is scored when it is recommended (it holds Send). Since the learned pass also recommends a
# call for calm, firm disagreements no conflict cue names (issue 13: recommended on most calm
# conflicts, blind drafts), the dev drafts' traps — a price negotiation with options, a scope
# boundary citing the contract, an amicable end — draw one or two recommendations per language
# that their labels call no call, so precision is held at 0.80 here (it was 0.85 for the rules alone).
PRECISION = {"report": 0.80, "threads": 0.85}


@pytest.mark.parametrize("lang", ["es", "pl", "en"])
@pytest.mark.parametrize("which", ["report", "threads"])
def test_suggest_call_bars(request, which, lang):
    call = request.getfixturevalue(which)[lang]["suggest_call"]
    assert call["labelled"] >= 5
    assert call["precision"] >= PRECISION[which]
    assert call["recall"] >= 0.80
