"""Weigh the conflict signals into one decision: suggest a call or not, and why."""

from __future__ import annotations

from dataclasses import dataclass

from .signals import NEGATIVE_TOPICS, Signals

THRESHOLD = 3.0
# Below a recommendation, a call is worth considering from this score (shown, never holding Send).
CONSIDER = 2.0
# How much each heated tone category in the user's draft adds; the client's heat weighs more.
DRAFT_HEAT = {"rude": 1.5, "passive_aggressive": 1.0, "emotional": 1.0, "shouting": 1.0, "sarcastic": 0.5,
              "urgency": 0.5}
INCOMING_HEAT = 1.5
HEAT_CAP = 3.0
# A second and third topic add half their weight: several weak cues are not one strong one.
EXTRA_TOPIC = 0.5
STRONG_TOPIC = 3.0
LONG_THREAD = ((12, 2.0), (8, 1.0))
DEFENSIVE_WORDS = 40
DEFENSIVE = 1.0
# Topics whose presence in a long draft marks it as a rebuttal rather than a routine update.
REBUTTAL_TOPICS = frozenset({"blame", "missed_deadline"})


@dataclass(frozen=True)
class Reason:
    """Why a call is suggested: a message key and the values it names."""

    key: str
    values: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Decision:
    """The verdict, the main topic (for the agenda) and the reasons, strongest first.

    `strength` is "recommend" (a conflict: the extension holds Send to propose the call),
    "consider" (worth a call, shown in the panel, never holding Send) or None.
    """

    suggested: bool
    score: float
    topic: str | None
    reasons: tuple[Reason, ...]
    strength: str | None = None


def _positive(topics: dict[str, float]) -> dict[str, float]:
    return {t: w for t, w in topics.items() if t not in NEGATIVE_TOPICS}


def _topic_score(weights: list[float]) -> float:
    ranked = sorted(weights, reverse=True)
    return ranked[0] + EXTRA_TOPIC * sum(ranked[1:]) if ranked else 0.0


def _heat(signals: Signals) -> tuple[float, float]:
    draft = min(HEAT_CAP, sum(DRAFT_HEAT.get(c, 1.0) for c in signals.draft.tone))
    incoming = min(HEAT_CAP, INCOMING_HEAT * len(signals.incoming.tone))
    return draft, incoming


def _length_bonus(messages: int) -> float:
    return next((bonus for floor, bonus in LONG_THREAD if messages >= floor), 0.0)


def _defensive(signals: Signals) -> bool:
    """A long draft that argues: it answers a client's grievance, or blames, or runs hot."""
    draft, incoming = signals.draft, signals.incoming
    if draft.words < DEFENSIVE_WORDS:
        return False
    return bool(_positive(incoming.topics) or draft.tone or REBUTTAL_TOPICS & draft.topics.keys())


def _routine(signals: Signals, strongest: float) -> float:
    """Thanks always count against a call; mere logistics only when no strong topic is at stake."""
    topics = signals.draft.topics
    weight = topics.get("gratitude", 0.0)
    if strongest < STRONG_TOPIC:
        weight += topics.get("logistics", 0.0)
    return weight


def _strength(score: float, signals: Signals, heated: bool, strongest: float) -> str | None:
    """Recommend for a conflict, consider for a milder case; a routine decline, offer or boundary never recommends.

    A calm, firm disagreement about money, scope, the work or the contract recommends a call
    even when no cue names it; a draft that reads as routine firmness (and nothing is heated
    or strongly at stake) is capped at consider.
    """
    routine = signals.routine >= 1.0 and signals.routine > signals.firm and not heated and strongest < STRONG_TOPIC
    if signals.firm >= 1.0 and not routine:
        return "recommend"
    if score >= THRESHOLD:
        return "consider" if routine else "recommend"
    if score >= CONSIDER or signals.firm >= CONSIDER / THRESHOLD:
        return "consider"
    return None


def decide(signals: Signals) -> Decision:
    """Suggest a call when conflict topics, heat, a long thread and a defensive draft add up."""
    if "call_proposed" in signals.draft.topics:
        return Decision(False, 0.0, None, ())
    mine, theirs = _positive(signals.draft.topics), _positive(signals.incoming.topics)
    merged = {t: max(mine.get(t, 0.0), theirs.get(t, 0.0)) for t in mine.keys() | theirs.keys()}
    draft_heat, incoming_heat = _heat(signals)
    score = _topic_score(list(merged.values())) + draft_heat + incoming_heat
    length = _length_bonus(signals.messages) if score > 0 else 0.0
    defensive = score > 0 and _defensive(signals)
    score += length + (DEFENSIVE if defensive else 0.0)
    score -= _routine(signals, max(merged.values(), default=0.0))
    topic = max(merged, key=lambda t: (merged[t], t in theirs, t)) if merged else None
    strength = _strength(score, signals, bool(draft_heat or incoming_heat), max(merged.values(), default=0.0))
    reasons = _reasons(mine, theirs, signals, incoming_heat, length, defensive)
    if strength is not None and signals.firm >= 1.0:
        reasons = (Reason("firm_disagreement"),) + reasons
    return Decision(strength is not None, round(score, 2), topic, reasons if strength else (), strength)


def _reasons(mine: dict, theirs: dict, signals: Signals, incoming_heat: float, length: float,
             defensive: bool) -> tuple[Reason, ...]:
    reasons = []
    for topic in sorted(theirs, key=lambda t: -theirs[t]):
        reasons.append(Reason("incoming_topic", (("topic", topic),)))
    if incoming_heat:
        reasons.append(Reason("incoming_heated"))
    for topic in sorted(mine.keys() - theirs.keys(), key=lambda t: -mine[t]):
        reasons.append(Reason("draft_topic", (("topic", topic),)))
    if signals.draft.tone:
        reasons.append(Reason("draft_heated", (("categories", signals.draft.tone),)))
    if length:
        reasons.append(Reason("long_thread", (("messages", signals.messages),)))
    if defensive:
        reasons.append(Reason("defensive", (("words", signals.draft.words),)))
    return tuple(reasons)
