"""Put a decision, the parties' hours and the draft's language together into the public suggest_call."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..hours import Hours, parse_hours
from . import invitation, link
from .invitation import DEFAULT_MINUTES, Call
from .score import Decision
from .slots import propose
from .wording import reason_text

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
# The client's side comes first in the reasons; past three, a list stops being read.
MAX_REASONS = 3


@dataclass(frozen=True)
class Party:
    """One side of the call: its time zone and, when agreed, its contact hours."""

    zone: ZoneInfo
    hours: Hours | None


@lru_cache(maxsize=64)
def office_hours(zone: ZoneInfo) -> Hours:
    """Weekdays 09:00–17:00: the assumption when neither side has agreed hours (parsed once per zone)."""
    return parse_hours({"timezone": zone.key, "weekly": {d: [["09:00", "17:00"]] for d in WEEKDAYS}})


def plan(decision: Decision, lang: str, formality: str, channel: str | None, client: Party, user: Party,
         now: datetime, minutes: int = DEFAULT_MINUTES) -> Call:
    """The call to propose: slots inside both parties' hours (office hours when neither has any)."""
    schedules = [h for h in (client.hours, user.hours) if h is not None] or [office_hours(user.zone)]
    starts = propose(schedules, now, timedelta(minutes=minutes))
    register = formality if formality in ("formal", "informal") else "formal"  # unknown: the safer register
    return Call(lang, register, decision.topic, channel, minutes, client.zone, user.zone, tuple(starts))


def not_suggested() -> dict:
    """The suggest_call object when no call is needed."""
    return {"suggested": False, "reasons": [], "invitation": None, "slots": []}


def public(decision: Decision, call: Call, ui: str, key: str) -> dict:
    """The suggest_call object of /v1/analyze (DESIGN.md), extended with times, topic and the .ics link."""
    invitation_id = link.encode(call, key)
    return {
        "suggested": True,
        "strength": decision.strength,
        "reasons": [reason_text(r.key, dict(r.values), ui) for r in decision.reasons[:MAX_REASONS]],
        "invitation": invitation.text(call),
        "slots": [s.astimezone(call.client_zone).isoformat() for s in call.starts],
        "topic": decision.topic,
        "score": decision.score,
        "duration_minutes": call.minutes,
        "channel": call.channel or "call",
        "slot_times": [_slot_times(call, s, ui) for s in call.starts],
        "invitation_id": invitation_id,
        "ics": f"/v1/invitations/{invitation_id}.ics",
    }


def _slot_times(call: Call, start: datetime, ui: str) -> dict:
    end = start + call.duration
    return {"start": start.astimezone(call.client_zone).isoformat(),
            "end": end.astimezone(call.client_zone).isoformat(),
            "client": invitation.local_text(start, call.client_zone, ui),
            "client_timezone": call.client_zone.key,
            "you": invitation.local_text(start, call.user_zone, ui),
            "your_timezone": call.user_zone.key}
