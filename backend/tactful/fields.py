"""The string types the request models share: what each kind of text may hold, said once for validation and
for the OpenAPI document.

A NUL or an unpaired surrogate cannot be stored (PostgreSQL refuses NUL; neither SQLite nor PostgreSQL can
encode a lone surrogate) and has no place in a name, an id or an address; a line (a name, an address, a
header) holds no line break or other control either. Draft text is different: it is only read, never
stored, and a browser can hand over half an emoji, so `draft_text` keeps it as U+FFFD (one code point for
one, so every offset into the text stays where it was).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt
from pydantic_core import PydanticCustomError

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NOT_IN_TEXT = re.compile(r"[\x00\ud800-\udfff]")
_NOT_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# The same rules as JSON Schema patterns (ECMA-262 and Python agree on these; surrogates cannot be written in
# every regex dialect, so they are said in the description and refused by the validators).
TEXT_PATTERN = r"^[^\x00]*$"
LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
MAX_ID = 2**31 - 1  # the largest row id both databases hold: PostgreSQL's INTEGER is 32-bit (SQLite's 64)


def _what(char: str) -> str:
    names = {"\r": "a carriage return (CR)", "\n": "a line feed (LF)", "\x00": "a NUL character",
             "\t": "a tab", "\u2028": "a line separator", "\u2029": "a paragraph separator"}
    if char in names:
        return names[char]
    if "\ud800" <= char <= "\udfff":
        return "an unpaired surrogate (half of a character, not valid Unicode)"
    return f"the control character U+{ord(char):04X}"


def _refuse(forbidden: re.Pattern, kind: str):
    def check(value: str) -> str:
        bad = forbidden.search(value)
        if bad is not None:
            raise PydanticCustomError("invalid_text", "contains {what} at character {at}, which {kind} cannot hold",
                                      {"what": _what(bad.group()), "at": bad.start() + 1, "kind": kind})
        return value
    return check


def text_problem(value: str) -> str | None:
    """What in a value cannot be text (a NUL, an unpaired surrogate), or None."""
    bad = _NOT_IN_TEXT.search(value)
    return None if bad is None else f"contains {_what(bad.group())} at character {bad.start() + 1}"


def _mend(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value)


def text(max_length: int, description: str | None = None, min_length: int = 0):
    """Multi-line text that is stored: any characters but NUL and unpaired surrogates."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length, description=description,
                                json_schema_extra={"pattern": TEXT_PATTERN}),
                     AfterValidator(_refuse(_NOT_IN_TEXT, "text"))]


def line(max_length: int, description: str | None = None, min_length: int = 0):
    """One line (a name, an address, a header field): no line breaks, controls, NUL or unpaired surrogates."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length, description=description,
                                json_schema_extra={"pattern": LINE_PATTERN}),
                     AfterValidator(_refuse(_NOT_IN_LINE, "one line of text"))]


def draft_text(description: str | None = None):
    """Text that is only read (a draft, a quoted message): anything, unpaired surrogates kept as U+FFFD."""
    return Annotated[str, Field(description=description), AfterValidator(_mend)]


_ID = re.compile(ID_PATTERN)


def _identifier(value: str) -> str:
    if not _ID.match(value):
        raise PydanticCustomError("invalid_id", "must be 1–64 lower-case letters, digits, '-' or '_', starting with "
                                  "a letter or digit")
    return value


Identifier = Annotated[str, Field(description="A client id: lower-case letters, digits, '-' and '_'.",
                                  json_schema_extra={"pattern": ID_PATTERN, "minLength": 1, "maxLength": 64}),
                       AfterValidator(_identifier)]
RowId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]


def one_of(*names: str) -> dict:
    """JSON Schema for "give exactly one of these fields" (a null one counts as not given)."""
    return {"oneOf": [{"required": [name], "properties": {name: {"not": {"type": "null"}}}} for name in names]}
