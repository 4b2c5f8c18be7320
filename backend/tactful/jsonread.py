"""JSON from outside (request bodies, `--jsonl` lines, files, CSV cells) read with limits, errors that say why.

Python's json module recurses once per level of nesting (2,000 levels end in RecursionError), turns a
5,000-digit integer into a ValueError and accepts NaN and Infinity, which are not JSON. Here nesting
is measured before parsing, integers and numbers are bounded while parsing, and every problem is a
TactfulError naming what is wrong and where.
"""

from __future__ import annotations

import json
import math
import re

from .errors import TactfulError

MAX_DEPTH = 32  # the deepest document the API accepts is 6 levels (contact hours in a client in a file)
MAX_NUMBER = 40  # characters: far beyond any count, day or slot the API takes, far below Python's 4,300 digits
_NESTING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class _Refused(ValueError):
    """Raised from inside the decoder's hooks; carries the message."""


def _number(text: str):
    if len(text.lstrip("-")) > MAX_NUMBER:
        raise _Refused(f"a number of {len(text)} characters; at most {MAX_NUMBER} are accepted")
    if text.lstrip("-").isdigit():
        return int(text)
    value = float(text)
    if math.isinf(value):
        raise _Refused(f"the number {text}, too large to represent")
    return value


def _constant(name: str):
    raise _Refused(f"{name}, which is not a JSON value (write a number or null)")


def _deepest(text: str) -> int:
    """The nesting depth of a JSON text, stopping as soon as it passes the limit (strings skipped)."""
    depth = 0
    for match in _NESTING.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return depth
        elif char in "]}":
            depth -= 1
    return 0


def decode(raw: bytes, what: str) -> str:
    """UTF-8 text, or a TactfulError naming the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TactfulError("malformed_json", f"{what} is not UTF-8 text (byte {exc.start + 1} cannot start or "
                           "continue a character)", status=400) from None


def loads(text: str | bytes, what: str = "the body") -> object:
    """Parse JSON with the limits above; `what` names the source in the error ('the body', 'line 3')."""
    if isinstance(text, (bytes, bytearray)):
        text = decode(bytes(text), what)
    if _deepest(text) > MAX_DEPTH:
        raise TactfulError("too_deep", f"{what} is nested more than {MAX_DEPTH} levels deep", status=400)
    try:
        return json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_constant)
    except _Refused as exc:
        raise TactfulError("malformed_json", f"{what} holds {exc}", status=400) from None
    except json.JSONDecodeError as exc:
        raise TactfulError("malformed_json", f"{what} is not valid JSON: {exc.msg} at line {exc.lineno} column "
                           f"{exc.colno}", status=400) from None
    except RecursionError:  # a depth the pre-scan missed (brackets inside a malformed string): still an answer
        raise TactfulError("too_deep", f"{what} is nested too deeply", status=400) from None
