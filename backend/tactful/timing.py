"""When a message may arrive: inside every matched client's hours, and the user's own."""

from __future__ import annotations

from datetime import datetime

from .hours import Hours, is_inside, next_common_window


def send_instant(client_hours: dict[str, Hours], own: Hours | None, at: datetime) -> dict:
    """Whether `at` is inside all the hours that apply, and the earliest instant that is.

    The user's own hours count too (named "you" in a conflict), so a reply written at
    midnight is timed to arrive when both sides are working. The answer is written in the
    offset `at` was given in.
    """
    schedules = dict(client_hours)
    if own is not None:
        schedules["you"] = own
    within = all(is_inside(h, at) for h in schedules.values())
    send_at = at if within else next_common_window(schedules, at).astimezone(at.tzinfo)
    return {"within": within, "send_at": send_at.isoformat()}
