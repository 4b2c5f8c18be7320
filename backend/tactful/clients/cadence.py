"""Report cadence: when the next report to a client is due, in the client's own time."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant of a local wall time; a time in a spring-forward gap moves to just after it."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone)
    roundtrip = aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
    if roundtrip != naive:  # nonexistent wall time
        aware = (naive + timedelta(hours=1)).replace(tzinfo=zone)
    return aware


def _month_day(year: int, month: int, on) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last if on == "last" else min(int(on), last))


def due_after(cadence: dict, zone: ZoneInfo, after: datetime, anchor: date | None = None) -> datetime:
    """The first due instant strictly after `after` for a cadence {every, on, at}.

    A fortnightly cadence counts weeks from `anchor` (the client's creation date).
    """
    at = time.fromisoformat(cadence.get("at", "09:00"))
    every = cadence["every"]
    local_day = after.astimezone(zone).date()
    for offset in range(0, 800):
        day = local_day + timedelta(days=offset)
        if every == "day":
            candidate = day
        elif every in ("week", "fortnight"):
            if WEEKDAYS[day.weekday()] != cadence.get("on", "mon"):
                continue
            if every == "fortnight" and anchor and ((day - anchor).days // 7) % 2:
                continue
            candidate = day
        else:
            candidate = _month_day(day.year, day.month, cadence.get("on", 1))
            if candidate != day:
                continue
        instant = _local(candidate, at, zone)
        if instant > after:
            return instant
    raise ValueError("no due date found")  # unreachable for a validated cadence


def last_due(cadence: dict, zone: ZoneInfo, at: datetime, anchor: date | None = None) -> datetime | None:
    """The latest due instant at or before `at` (within the last ~2 months), or None."""
    start = at - timedelta(days=62)
    latest, probe = None, start
    while True:
        nxt = due_after(cadence, zone, probe, anchor)
        if nxt > at:
            return latest
        latest, probe = nxt, nxt
