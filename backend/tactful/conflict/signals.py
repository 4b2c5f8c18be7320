"""What a draft and its thread say about conflict: topics, heat, length — collected, not yet weighed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..tone.engine import Analysis, analyze, rescan
from ..tone.packs import RuleSet

# Cues that count against a call: the draft already proposes one, gives thanks, or only settles details.
NEGATIVE_TOPICS = ("call_proposed", "gratitude", "logistics")
# Tone that shows the exchange is heated; `informal` says nothing about conflict.
HEATED = ("rude", "sarcastic", "passive_aggressive", "emotional", "shouting", "urgency")


@dataclass(frozen=True)
class Side:
    """One side of the exchange: the conflict topics (strongest weight each) and heated tone categories."""

    topics: dict[str, float] = field(default_factory=dict)
    tone: tuple[str, ...] = ()
    words: int = 0


@dataclass(frozen=True)
class Signals:
    """Everything the decision weighs, for one draft in its thread.

    `firm` and `routine` come from the learned pass: how far the draft's most disagreeing
    sentence is past the threshold of a calm, firm disagreement about money, scope, the
    work or the contract (1.0 = at the threshold), and likewise for a routine decline,
    offer or boundary. 0 when the learned pass did not run.
    """

    draft: Side
    incoming: Side
    messages: int
    firm: float = 0.0
    routine: float = 0.0


def topics_of(analysis: Analysis, ruleset: RuleSet) -> dict[str, float]:
    """The strongest weight per conflict topic among a text's cues."""
    topics: dict[str, float] = {}
    for finding in analysis.findings:
        rule = ruleset.get(finding.rule)
        weight = rule.weight if rule is not None else 1.0
        topics[finding.category] = max(topics.get(finding.category, 0.0), weight)
    return topics


def side_of(text: str, tone: Analysis, ruleset: RuleSet) -> Side:
    """Topics and heat of one text, from its tone analysis plus a conflict rescan of the same split."""
    cues = rescan(text, tone, ruleset, kind="conflict")
    heated = tuple(sorted({f.category for f in tone.findings if f.category in HEATED and f.severity != "info"}))
    return Side(topics_of(cues, ruleset), heated, len(tone.parts.masked.split()))


def incoming_side(incoming: str, quoted: str, lang: str, ruleset: RuleSet) -> Side:
    """The client's last message: the thread's `incoming` text, else the quoted part of a reply draft."""
    text = incoming.strip() or quoted.strip()
    if not text:
        return Side()
    return side_of(text, analyze(text, lang="auto", client_lang=lang, ruleset=ruleset), ruleset)


def collect(text: str, tone: Analysis, incoming: str, messages: int, ruleset: RuleSet, firm: float = 0.0,
            routine: float = 0.0) -> Signals:
    """Signals for one draft whose tone analysis is already done."""
    draft = side_of(text, tone, ruleset)
    return Signals(draft, incoming_side(incoming, tone.parts.quoted, tone.lang, ruleset), messages, firm, routine)
