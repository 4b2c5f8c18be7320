"""`tactful outbox`: the messages waiting for their instant, and what became of them."""

from __future__ import annotations

import json
from datetime import datetime

import click

from ..errors import TactfulError
from ..outbox import store
from ..outbox.model import ScheduledPatch
from ..schemas import parse
from .clients import _db


def _line(m: dict) -> str:
    late = " (late)" if m["late"] else ""
    return (f"{m['id']}  {m['status']:<9} {m['send_at']}{late}  via {m['via']:<7} to {', '.join(m['to'])}  "
            f"{m['subject'][:40]!r}")


@click.group()
def outbox():
    """Scheduled messages: list them, see their history, cancel, move or resend them.

    \b
    Examples:
      tactful outbox list --status scheduled
      tactful outbox reschedule 3f2a… --next-window
      tactful outbox retry 3f2a…     # a message whose fate is unknown: send it again
    """


@outbox.command("list")
@click.option("--status", type=click.Choice(store.STATUSES), help="Only messages in this state.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_cmd(status, as_json):
    """List messages, soonest first.

    \b
    Examples:
      tactful outbox list
      tactful outbox list --status unknown --json
    """
    with _db().session() as session:
        for message in store.listing(session, status):
            data = store.to_dict(message)
            click.echo(json.dumps(data, ensure_ascii=False) if as_json else _line(data))


@outbox.command("show")
@click.argument("message_id")
def show(message_id):
    """Show one message with its history (moves, retries, lateness and why).

    \b
    Examples:
      tactful outbox show 3f2a0c1e-…
    """
    with _db().session() as session:
        click.echo(json.dumps(store.to_dict(store.get(session, message_id)), ensure_ascii=False, indent=2))


@outbox.command("cancel")
@click.argument("message_id")
def cancel(message_id):
    """Cancel a message that has not gone out (or drop one that failed or whose fate is unknown).

    \b
    Examples:
      tactful outbox cancel 3f2a0c1e-…
    """
    with _db().session() as session:
        click.echo(_line(store.to_dict(store.cancel(session, message_id))))


@outbox.command("reschedule")
@click.argument("message_id")
@click.option("--at", help="New instant, ISO-8601 with offset.")
@click.option("--next-window", is_flag=True, help="The next instant inside the recipients' hours.")
def reschedule(message_id, at, next_window):
    """Move a scheduled message; an instant outside contact hours moves on to the next window.

    \b
    Examples:
      tactful outbox reschedule 3f2a0c1e-… --at 2026-11-23T09:30:00+01:00
      tactful outbox reschedule 3f2a0c1e-… --next-window
    """
    try:
        when = datetime.fromisoformat(at).isoformat() if at else None
    except ValueError:
        raise TactfulError("invalid_field", f"--at: {at!r} is not an ISO-8601 instant", field="send_at") from None
    data = parse(ScheduledPatch, {"send_at": when} if when else {"when": "next_window"} if next_window else {})
    with _db().session() as session:
        click.echo(_line(store.to_dict(store.reschedule(session, message_id, data))))


@outbox.command("retry")
@click.argument("message_id")
def retry(message_id):
    """Send again a message that failed or whose fate is unknown, at the next window.

    \b
    Examples:
      tactful outbox retry 3f2a0c1e-…
    """
    with _db().session() as session:
        click.echo(_line(store.to_dict(store.retry(session, message_id))))
