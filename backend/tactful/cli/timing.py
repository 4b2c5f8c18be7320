"""`tactful next-window`: when a message may arrive inside a client's contact hours."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

import click
from pydantic import AwareDatetime, BaseModel, ConfigDict

from ..errors import TactfulError
from ..hours import hours_json, parse_hours
from ..schemas import parse
from ..hours.timing import send_instant
from . import stream
from .jsonarg import json_value


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: object = None
    hours: hours_json("hours.")
    at: AwareDatetime | None = None


def _answer(hours: object, at: datetime) -> dict:
    result = send_instant({"hours": parse_hours(hours, "hours.")}, None, at)
    return {"within": result["within"], "send_at": result["send_at"]}


def _line_answer(data: object) -> dict:
    req = parse(_Line, data)
    return _answer(req.hours, req.at or datetime.now(timezone.utc))


@click.command("next-window")
@click.option("--hours", "hours_arg", metavar="FILE|JSON",
              help="Contact hours: a file (acme-hours.json or @acme-hours.json) or JSON inline; the format is in "
              "the README (Contact hours) and examples/acme-hours.json.")
@click.option("--at", "at", help="ISO-8601 instant with offset (default: now).")
@click.option("--jsonl", is_flag=True, help='Read {"id", "hours", "at"} lines on standard input; write '
              '{"id", "within", "send_at"} (or {"id", "error"}) per line, streaming.')
def next_window_cmd(hours_arg, at, jsonl):
    """Is an instant inside the contact hours, and when is the next instant that is?

    The answer is written in the offset --at was given in (UTC when --at is left out).

    \b
    Examples:
      tactful next-window --hours examples/acme-hours.json --at 2026-11-20T23:40:00+01:00
      echo '{"id": 1, "hours": {"timezone": "Europe/Warsaw", "weekly": {"mon": [["09:00", "17:00"]]}},
             "at": "2026-11-22T10:00:00Z"}' | tactful next-window --jsonl
    """
    if jsonl:
        stream.run(sys.stdin.buffer, _line_answer)
        return
    if hours_arg is None:
        raise TactfulError("missing_field", "--hours FILE is required (or use --jsonl)", field="hours")
    hours = json_value(hours_arg, "--hours")
    try:
        when = datetime.fromisoformat(at) if at else datetime.now(timezone.utc)
    except ValueError:
        raise TactfulError("invalid_field", f"--at: {at!r} is not an ISO-8601 instant", field="at") from None
    if when.tzinfo is None:
        raise TactfulError("invalid_field", "--at must include an offset, e.g. +01:00 or Z", field="at")
    click.echo(json.dumps(_answer(hours, when)))
