"""The invitation as iCalendar (RFC 5545), and a self-contained, signed id to fetch it by.

The id carries the call's facts (no draft text), signed with the service token, so any
worker can rebuild the .ics without storing anything.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zlib
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..errors import TactfulError
from .invitation import Call, agenda, summary
from .wording import channel_words

PRODID = "-//Tactful//Call invitation//EN"
_SIG_BYTES = 12


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(payload: str, key: str) -> str:
    return _b64(hmac.new(key.encode(), payload.encode(), hashlib.sha256).digest()[:_SIG_BYTES])


def encode(call: Call, key: str) -> str:
    """A URL-safe id holding the call's facts, signed with `key`."""
    facts = {"l": call.lang, "f": call.formality, "t": call.topic, "c": call.channel, "m": call.minutes,
             "cz": call.client_zone.key, "uz": call.user_zone.key, "s": [int(s.timestamp()) for s in call.starts]}
    payload = _b64(zlib.compress(json.dumps(facts, separators=(",", ":")).encode(), 9))
    return f"{payload}.{_sign(payload, key)}"


def decode(invitation_id: str, key: str) -> Call:
    """The call behind an id; an unknown, altered or foreign id is a clear 404."""
    payload, _, signature = invitation_id.partition(".")
    if not payload or not hmac.compare_digest(signature.encode(), _sign(payload, key).encode()):
        raise TactfulError("not_found", "no such invitation (the id is incomplete, altered, or was made "
                           "with another token)", field="invitation_id", status=404)
    facts = json.loads(zlib.decompress(_unb64(payload)))
    starts = tuple(datetime.fromtimestamp(s, timezone.utc) for s in facts["s"])
    return Call(facts["l"], facts["f"], facts["t"], facts["c"], facts["m"], ZoneInfo(facts["cz"]),
                ZoneInfo(facts["uz"]), starts)


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
