"""The proposed call as iCalendar (RFC 5545), with the client's time zone."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from icalendar import Calendar, Event

from ..errors import TactfulError
from .invitation import Call, agenda, summary
from .wording import channel_words

PRODID = "-//Tactful//Call invitation//EN"


def _event(call: Call, index: int, start: datetime, uid_base: str, tentative: bool) -> Event:
    event = Event()
    local = start.astimezone(call.client_zone)
    event.add("uid", f"{uid_base}-{index}@tactful")
    event.add("dtstamp", datetime.now(timezone.utc))
    event.add("dtstart", local)
    event.add("dtend", local + call.duration)
    event.add("summary", summary(call))
    event.add("description", f"{agenda(call)} ({channel_words(call.channel, call.lang)})")
    event.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    return event


def to_ics(call: Call, invitation_id: str, slot: int | None = None) -> bytes:
    """One VEVENT per proposed start (tentative), or only the chosen slot (confirmed)."""
    if slot is not None and not 0 <= slot < len(call.starts):
        raise TactfulError("invalid_value", f"slot must be between 0 and {len(call.starts) - 1}", field="slot",
                           status=422)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    uid_base = hashlib.sha256(invitation_id.encode()).hexdigest()[:20]
    chosen = list(enumerate(call.starts)) if slot is None else [(slot, call.starts[slot])]
    for index, start in chosen:
        cal.add_component(_event(call, index, start, uid_base, tentative=slot is None))
    cal.add_missing_timezones()
    return cal.to_ical()
