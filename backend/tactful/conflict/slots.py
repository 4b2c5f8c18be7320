"""Call slots: a few starts, on the half hour, whose whole duration is inside every party's hours."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ..errors import TactfulError
from ..hours import Hours, is_inside, next_common_window, window_end

STEP = timedelta(minutes=30)
# Never propose a call that starts before the other side can reasonably read the message.
LEAD = timedelta(hours=1)
# Spread the proposals over the day and the next days rather than three back-to-back half hours.
SPREAD = timedelta(hours=4)
HORIZON = timedelta(days=366)


def _ceil(at: datetime, step: timedelta = STEP) -> datetime:
    """Round up to the next multiple of `step` since the epoch (the half hour in every whole-hour zone)."""
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    over = (at - epoch) % step
    return at if not over else at + (step - over)


def fits(schedules: list[Hours], start: datetime, duration: timedelta) -> bool:
    """Whether [start, start + duration) lies wholly inside every schedule."""
    for hours in schedules:
        if not is_inside(hours, start):
            return False
        end = window_end(hours, start)
        if end is not None and end < start + duration:
            return False
    return True


def propose(schedules: list[Hours], now: datetime, duration: timedelta, count: int = 3) -> list[datetime]:
    """Up to `count` slot starts after now + LEAD, each fitting every schedule, at least SPREAD apart."""
    by_name = {str(i): h for i, h in enumerate(schedules)}
    limit = now + HORIZON
    at = _ceil(now.astimezone(timezone.utc) + LEAD)
    found: list[datetime] = []
    while len(found) < count and at < limit:
        try:
            opening = next_common_window(by_name, at)
        except TactfulError:
            break
        at = _ceil(opening)
        if fits(schedules, at, duration):
            found.append(at)
            at = _ceil(at + SPREAD)
        else:
            at += STEP
    return found
