"""`--jsonl`: one answer line per request line, in order, as each is ready; a bad line never stops the stream.

Lines are read as bytes and decoded one by one, so a line that is not UTF-8 is that line's error; every
error names its line; an answer that holds half a character (an unpaired surrogate, from a `\\ud800` escape)
is written with ASCII escapes rather than lost.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable

from .. import jsonread
from ..errors import TactfulError
from .failure import explain


def run(lines: Iterable[bytes], answer: Callable[[object], dict], out=None) -> None:
    """Answer each non-blank line with answer(parsed JSON) → {"id", …}, or {"id", "error"}."""
    out = out or sys.stdout.buffer
    for number, raw in enumerate(lines, 1):
        if raw.strip():
            write(out, one(number, raw, answer))


def one(number: int, raw: bytes, answer: Callable[[object], dict]) -> dict:
    """The answer to one line, whatever the line holds."""
    where = f"line {number}"
    try:
        data = jsonread.loads(raw.rstrip(b"\r\n"), where)
    except TactfulError as err:
        return {"id": None, "error": err.to_dict()["error"]}
    ident = data.get("id") if isinstance(data, dict) else None
    try:
        return {"id": ident, **answer(data)}
    except Exception as exc:  # noqa: BLE001 - one bad line must not stop the others
        err = exc if isinstance(exc, TactfulError) else explain(exc)
        return {"id": ident, "error": TactfulError(err.code, f"{where}: {err.message}", err.field).to_dict()["error"]}


def write(out, answer: dict) -> None:
    """One JSON line, UTF-8; with ASCII escapes when it holds an unpaired surrogate (not encodable)."""
    try:
        data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        data = json.dumps(answer).encode("ascii")
    out.write(data + b"\n")
    out.flush()
