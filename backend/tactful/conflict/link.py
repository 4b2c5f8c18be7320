"""A self-contained, signed id for a proposed call, so any worker can rebuild its .ics without storing anything.

The id carries the call's facts (no draft text), signed with the service token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zlib
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from ..errors import TactfulError
from .invitation import Call

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
