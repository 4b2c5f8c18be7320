"""Run every rule's own examples, as LanguageTool's rule tests do.

A `pass` example must not flag. A `flag` example marks the words the rule must find with
`<marker>…</marker>`: the rule must flag them (a finding covering each marked span, and
none elsewhere), and each of the finding's suggestions put in place of its span must
leave a draft that this rule and every other rule of the same language and kind pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import markers
from .engine import analyze
from .finding import Finding
from .packs import Rule, RuleSet


@dataclass(frozen=True)
class ExampleFailure:
    """One example that did not behave as its rule promises."""

    rule: str
    source: str
    expected: str  # "flag" or "pass"
    text: str
    problem: str = ""

    def __str__(self) -> str:
        problem = self.problem or ("should flag but did not" if self.expected == "flag"
                                   else "should pass but was flagged")
        return f"{self.source}: {self.rule}: {problem}: {self.text!r}"


def _context(rule: Rule) -> str | None:
    """A formality under which the rule applies, for running its examples."""
    if rule.formality is None:
        return None
    return "formal" if "formal" in rule.formality else sorted(rule.formality)[0]


def rule_findings(rule: Rule, text: str) -> list[Finding]:
    """The rule's findings in text, the rule run alone through the whole engine."""
    alone = RuleSet((rule,))
    result = analyze(text, lang=rule.lang, formality=_context(rule), ruleset=alone, kind=rule.kind)
    return [f for f in result.findings if f.rule == rule.id]


def rule_flags(rule: Rule, text: str) -> bool:
    """Whether the rule, run alone through the whole engine, flags text."""
    return bool(rule_findings(rule, text))


def _span_problems(text: str, marked: tuple, found: list[Finding]) -> list[str]:
    """What is wrong with where the rule flags text, against the marked spans."""
    if not found:
        return ["should flag but did not"]
    problems = [f"no finding covers the marked {text[s:e]!r} (found "
                + ", ".join(repr(f.excerpt) for f in found) + ")"
                for s, e in marked if not any(f.start <= s and e <= f.end for f in found)]
    problems += [f"flags {f.excerpt!r}, which is not marked" for f in found
                 if not any(f.start < e and s < f.end for s, e in marked)]
    return problems


def applied(text: str, finding: Finding, suggestion: str) -> str:
    """Text with the suggestion in place of the finding's span."""
    return text[:finding.start] + suggestion + text[finding.end:]


_PLACEHOLDERS = ("…", "...")
_CLOSING = ".,;:!?"


def _seam_problem(text: str, finding: Finding, suggestion: str) -> str | None:
    """What the suggestion breaks where it joins the sentence: a placeholder, or two marks in a row."""
    if any(p in suggestion for p in _PLACEHOLDERS):
        return f"suggestion {suggestion!r} holds a placeholder to fill in: write the words, or move it to advice"
    before, after = text[finding.start - 1:finding.start] if finding.start else "", text[finding.end:finding.end + 1]
    for left, right in ((before, suggestion[:1]), (suggestion[-1:], after)):
        if left and right and left in _CLOSING and right in _CLOSING:
            return f"suggestion {suggestion!r} in place of {finding.excerpt!r} puts {left + right!r} in the sentence"
    return None


def _left_alone(found: list[Finding], finding: Finding, suggestion: str) -> set[tuple[str, int, int]]:
    """The rule's other findings, where they sit once the suggestion replaces this one: still expected."""
    shift = len(suggestion) - (finding.end - finding.start)
    return {(f.rule, f.start + (shift if f.start >= finding.end else 0), f.end + (shift if f.start >= finding.end
             else 0)) for f in found if f is not finding}


def _suggestion_problems(rule: Rule, ruleset: RuleSet, text: str, found: list[Finding]) -> list[str]:
    """Each suggestion in place of its finding must join the sentence cleanly and leave a draft that no rule
    of the same language and kind flags (but for the rule's other findings, which are other spans)."""
    problems = []
    for finding in found:
        for suggestion in finding.suggestions:
            seam = _seam_problem(text, finding, suggestion)
            if seam:
                problems.append(seam)
                continue
            after = applied(text, finding, suggestion)
            expected = _left_alone(found, finding, suggestion)
            result = analyze(after, lang=rule.lang, formality=_context(rule), ruleset=ruleset, kind=rule.kind)
            problems += [f"with {suggestion!r} in place of {finding.excerpt!r}, {after!r} is flagged by {f.rule} "
                         f"at {f.excerpt!r}" for f in result.findings if (f.rule, f.start, f.end) not in expected]
    return problems


def check_rule(rule: Rule, ruleset: RuleSet) -> list[ExampleFailure]:
    """Every example of one rule that does not behave as declared (ruleset: every rule its suggestions must pass)."""
    failures = [ExampleFailure(rule.id, rule.source, "pass", text) for text in rule.examples["pass"]
                if rule_flags(rule, text)]
    for example in rule.examples["flag"]:
        failures += [ExampleFailure(rule.id, rule.source, "flag", example, problem)
                     for problem in _flag_problems(rule, ruleset, example)]
    return failures


def _flag_problems(rule: Rule, ruleset: RuleSet, example: str) -> list[str]:
    """What is wrong with one flag example: its markers, where the rule flags it, its suggestions applied."""
    text, marked = markers.parse(example)
    found = rule_findings(rule, text)
    if not marked:
        unmarked = f"marks no words: put {markers.OPEN}…{markers.CLOSE} around what the rule must find"
        return [unmarked] if found else [unmarked, "should flag but did not"]
    return _span_problems(text, marked, found) or _suggestion_problems(rule, ruleset, text, found)


def check_examples(ruleset: RuleSet, kind: str = "tone") -> list[ExampleFailure]:
    """Every example of every rule of a kind that does not behave as declared."""
    return [failure for rule in ruleset.rules if rule.kind == kind for failure in check_rule(rule, ruleset)]
