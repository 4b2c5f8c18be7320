"""Run every rule's own examples: `flag` examples must produce its finding, `pass` ones must not."""

from __future__ import annotations

from dataclasses import dataclass

from . import markers
from .engine import analyze
from .packs import Rule, RuleSet


@dataclass(frozen=True)
class ExampleFailure:
    """One example that did not behave as its rule promises."""

    rule: str
    source: str
    expected: str  # "flag" or "pass"
    text: str

    def __str__(self) -> str:
        verb = "should flag but did not" if self.expected == "flag" else "should pass but was flagged"
        return f"{self.source}: {self.rule}: {verb}: {self.text!r}"


def _context(rule: Rule) -> str | None:
    """A formality under which the rule applies, for running its examples."""
    if rule.formality is None:
        return None
    return "formal" if "formal" in rule.formality else sorted(rule.formality)[0]


def rule_flags(rule: Rule, text: str) -> bool:
    """Whether the rule, run alone through the whole engine, flags text."""
    alone = RuleSet((rule,))
    result = analyze(text, lang=rule.lang, formality=_context(rule), ruleset=alone, kind=rule.kind)
    return any(f.rule == rule.id for f in result.findings)


def check_examples(ruleset: RuleSet, kind: str = "tone") -> list[ExampleFailure]:
    """Every example of every rule of a kind that does not behave as declared."""
    failures = []
    for rule in ruleset.rules:
        if rule.kind != kind:
            continue
        for expected in ("flag", "pass"):
            for text in rule.examples[expected]:
                if rule_flags(rule, markers.strip(text)) != (expected == "flag"):
                    failures.append(ExampleFailure(rule.id, rule.source, expected, text))
    return failures
