"""Contact-hours arithmetic: is an instant inside a client's hours, and when is the next window.

Plain Python. Instants are handled as integer microseconds since 0001-01-01 (UTC or local wall
time), days as day numbers (date.toordinal() - 1, so day % 7 is the weekday, Monday = 0). The
time zone is cut into segments of constant UTC offset; inside one segment the wall clock runs
evenly, so the earliest inside instant of a segment is its earliest inside wall time minus the
offset. Gaps (wall times that never happen) and folds (wall times that happen twice) fall out of
walking the segments in order, with no special cases.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import combinations
from zoneinfo import ZoneInfo

from ..errors import TactfulError
from .holidays import holiday_days

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 1440
HORIZON_DAYS = 366

_US = 1_000_000
_MIN = 60 * _US
_DAY = MINUTES_PER_DAY * _MIN
_HORIZON = HORIZON_DAYS * _DAY
_ONE_US = timedelta(microseconds=1)
_BASE = datetime(1, 1, 1)
_BASE_UTC = datetime(1, 1, 1, tzinfo=timezone.utc)
_NEVER = 1 << 62
# `at` (in UTC) must leave room for the day before it and for the 366-day search after it.
_FIRST_YEAR, _LAST_YEAR = 2, 9997
# Offsets are sampled this often to find transitions; no zone changes offset twice within it.
_SAMPLE = 3 * 3600 * _US
_FIRST_UTC = (datetime(_FIRST_YEAR, 1, 1) - _BASE) // _ONE_US
_END_UTC = (datetime(_LAST_YEAR + 1, 1, 1) - _BASE) // _ONE_US


@dataclass(frozen=True)
class Hours:
    """Compiled contact hours: a zone, per-weekday windows in minutes, a holiday calendar, blackouts."""

    zone: ZoneInfo
    # Seven tuples, Monday first, of (start, end) minutes from the day's midnight, sorted;
    # end > 1440 when the window crosses midnight (it still belongs to the day it starts on).
    weekly: tuple[tuple[tuple[int, int], ...], ...]
    calendar: tuple[str, str | None] | None = None
    blackouts: tuple[tuple[date, date], ...] = ()
    # Derived: per weekday, the ends (minutes into that day) of the previous day's crossing windows.
    _spill: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    # Closed days (holidays and blackouts) per year, filled on demand.
    _closed: dict = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        weekly = tuple(tuple(sorted(day)) for day in self.weekly)
        if len(weekly) != 7:
            raise ValueError("weekly needs seven days, Monday first")
        object.__setattr__(self, "weekly", weekly)
        spill = tuple(tuple(e - MINUTES_PER_DAY for _, e in weekly[(wd - 1) % 7] if e > MINUTES_PER_DAY)
                      for wd in range(7))
        object.__setattr__(self, "_spill", spill)

    def to_json(self) -> dict:
        """The canonical JSON shape: the form parse_hours reads, with windows sorted and empty days left out."""
        weekly = {WEEKDAYS[wd]: [[_clock(s), _clock(e if e <= MINUTES_PER_DAY else e - MINUTES_PER_DAY)]
                                 for s, e in day]
                  for wd, day in enumerate(self.weekly) if day}
        holidays = None if self.calendar is None else {"country": self.calendar[0], "subdivision": self.calendar[1]}
        return {"timezone": self.zone.key, "weekly": weekly, "holidays": holidays,
                "blackouts": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in self.blackouts]}


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- public API -------------------------------------------------------------------------------


def is_inside(hours: Hours, at: datetime) -> bool:
    """Whether the instant at falls inside the contact hours."""
    wall, _ = _wall_and_offset(hours, at)
    return _wall_inside(hours, wall)


def next_window(hours: Hours, at: datetime) -> datetime:
    """at itself (in UTC) when inside, otherwise the earliest inside instant after it, within 366 days."""
    wall, offset = _wall_and_offset(hours, at)
    if _wall_inside(hours, wall):
        return at.astimezone(timezone.utc)
    found = _first_inside(hours, wall - offset, offset)
    if found is None:
        raise TactfulError("no_window", f"the contact hours in {hours.zone.key} open no window in the "
                           f"{HORIZON_DAYS} days after {at.isoformat()}", status=422)
    return _instant(found)


def window_end(hours: Hours, at: datetime) -> datetime | None:
    """When at is inside, the first instant after it that is not (the end of this stretch); else None.

    Hours that stay open through the whole 366-day horizon end, as far as anyone looks, at its end.
    """
    wall, offset = _wall_and_offset(hours, at)
    if not _wall_inside(hours, wall):
        return None
    return _instant(_first_outside(hours, wall - offset, offset))


def next_common_window(hours_by_name: dict[str, Hours], at: datetime) -> datetime:
    """The earliest instant >= at inside every schedule (recipients of several clients), within 366 days."""
    utc = _utc(at)
    if not hours_by_name:
        return at.astimezone(timezone.utc)
    found = _common(list(hours_by_name.values()), utc)
    if found is None:
        raise TactfulError("no_common_window", _conflict(hours_by_name, utc), status=422)
    return at.astimezone(timezone.utc) if found == utc else _instant(found)


# --- conversions ------------------------------------------------------------------------------


def _utc(at: datetime) -> int:
    """at as UTC microseconds, refusing naive datetimes and years the search cannot cover."""
    if not isinstance(at, datetime):
        raise TactfulError("invalid_field", "at must be a datetime", field="at", status=422)
    offset = at.utcoffset()
    if offset is None:
        raise TactfulError("invalid_field", "at must carry a time zone or UTC offset", field="at", status=422)
    utc = (at.replace(tzinfo=None) - _BASE) // _ONE_US - offset // _ONE_US
    if not _FIRST_UTC <= utc < _END_UTC:
        raise TactfulError("invalid_field", f"at must lie between the years {_FIRST_YEAR} and {_LAST_YEAR}",
                           field="at", status=422)
    return utc


def _wall_and_offset(hours: Hours, at: datetime) -> tuple[int, int]:
    """at's local wall time in hours.zone and that zone's UTC offset then, both in microseconds."""
    utc = _utc(at)
    offset = _offset(hours.zone, utc)
    return utc + offset, offset


def _offset(zone: ZoneInfo, utc: int) -> int:
    """The zone's UTC offset at an instant, in microseconds."""
    return (_BASE_UTC + timedelta(microseconds=utc)).astimezone(zone).utcoffset() // _ONE_US


def _instant(utc: int) -> datetime:
    return _BASE_UTC + timedelta(microseconds=utc)


# --- wall-clock side: windows, holidays, blackouts --------------------------------------------


def _is_open(hours: Hours, day: int) -> bool:
    """Whether a local day opens its windows (it is neither a public holiday nor blacked out)."""
    year = date.fromordinal(day + 1).year
    closed = hours._closed.get(year)
    if closed is None:
        closed = _closed_days(hours, year)
        hours._closed[year] = closed
    return day not in closed


def _closed_days(hours: Hours, year: int) -> frozenset[int]:
    first, last = date(year, 1, 1).toordinal() - 1, date(year, 12, 31).toordinal() - 1
    days = set(holiday_days(*hours.calendar, year)) if hours.calendar else set()
    for start, end in hours.blackouts:
        days.update(range(max(first, start.toordinal() - 1), min(last, end.toordinal() - 1) + 1))
    return frozenset(days)


def _wall_inside(hours: Hours, wall: int) -> bool:
    """Whether a local wall time (microseconds) falls in a window of an open day."""
    day = wall // _DAY
    minute = (wall - day * _DAY) // _MIN
    wd = day % 7
    for start, end in hours.weekly[wd]:
        if start <= minute < end and _is_open(hours, day):
            return True
        if start > minute:
            break
    for end in hours._spill[wd]:
        if minute < end and _is_open(hours, day - 1):
            return True
    return False


def _first_inside_wall(hours: Hours, w0: int, w1: int) -> int | None:
    """The earliest wall time in [w0, w1) that is inside, or None."""
    day = w0 // _DAY
    minute = (w0 - day * _DAY) // _MIN
    if any(minute < end for end in hours._spill[day % 7]) and _is_open(hours, day - 1):
        return w0
    last = (w1 - 1) // _DAY
    weekly = hours.weekly
    while day <= last:
        windows = weekly[day % 7]
        if windows and _is_open(hours, day):
            base = day * _DAY
            for start, end in windows:
                # Sorted by start, so the first window that still runs after w0 gives the earliest time.
                at = max(base + start * _MIN, w0)
                if at < base + end * _MIN:
                    return at if at < w1 else None
        day += 1
    return None


def _first_outside_wall(hours: Hours, w0: int, w1: int) -> int | None:
    """The earliest wall time in [w0, w1) that is not inside, or None when all of it is."""
    now = w0
    while now < w1:
        day = now // _DAY
        minute = (now - day * _DAY) // _MIN
        reach = 0  # minutes from this day's midnight up to which `now` is covered
        if hours._spill[day % 7] and _is_open(hours, day - 1):
            reach = max((end for end in hours._spill[day % 7] if minute < end), default=0)
        if hours.weekly[day % 7] and _is_open(hours, day):
            for start, end in hours.weekly[day % 7]:
                if start <= max(minute, reach) < end:
                    reach = max(reach, end)
        if reach <= minute:
            return now
        now = day * _DAY + reach * _MIN
    return None


# --- instant side: walking the zone's constant-offset segments ----------------------------------


def _walk(hours: Hours, utc: int, offset: int, find_wall) -> int | None:
    """Walk the zone's constant-offset stretches from utc for up to 366 days; the first instant find_wall finds."""
    limit = utc + _HORIZON
    table = _table(hours.zone)
    while True:
        change, after = table.next_change(utc)
        wall = find_wall(hours, utc + offset, min(change, limit + 1) + offset)
        if wall is not None:
            return wall - offset
        if change > limit:
            return None
        utc, offset = change, after


def _first_inside(hours: Hours, utc: int, offset: int) -> int | None:
    """The earliest inside instant >= utc and <= utc + 366 days; offset is the zone's offset at utc."""
    return _walk(hours, utc, offset, _first_inside_wall)


def _first_outside(hours: Hours, utc: int, offset: int) -> int:
    """The earliest instant >= utc that is not inside, or the horizon's end when there is none."""
    found = _walk(hours, utc, offset, _first_outside_wall)
    return utc + _HORIZON if found is None else found


def _first_inside_any(hours: Hours, utc: int) -> int | None:
    return _first_inside(hours, utc, _offset(hours.zone, utc))


def _common(schedules: list[Hours], utc: int, limit: int | None = None) -> int | None:
    """The earliest instant >= utc inside every schedule, within the horizon, or None."""
    limit = utc + _HORIZON if limit is None else limit
    now = utc
    while now <= limit:
        moved = False
        for hours in schedules:
            found = _first_inside_any(hours, now)
            if found is None:
                return None
            if found > now:
                now, moved = found, True
        if not moved:
            return now
    return None


def _conflict(hours_by_name: dict[str, Hours], utc: int) -> str:
    """Explain which clients' hours keep a common window from existing."""
    closed = [name for name, hours in hours_by_name.items() if _first_inside_any(hours, utc) is None]
    if closed:
        verb = "opens" if len(closed) == 1 else "open"
        return (f"no common window: {_names(closed)} {verb} no window in the {HORIZON_DAYS} days after "
                f"{_instant(utc).isoformat()}")
    limit = utc + _HORIZON
    apart = [f"{a} and {b}" for a, b in combinations(hours_by_name, 2)
             if _common([hours_by_name[a], hours_by_name[b]], utc, limit) is None]
    if apart:
        return (f"no common window in the {HORIZON_DAYS} days after {_instant(utc).isoformat()}: "
                f"the contact hours of {'; '.join(apart)} never overlap")
    return (f"no common window in the {HORIZON_DAYS} days after {_instant(utc).isoformat()}: the contact "
            f"hours of {_names(list(hours_by_name))} overlap in pairs but never all at once")


def _names(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


class _Offsets:
    """A zone's offset changes, found by sampling each year once and bisecting to the second."""

    def __init__(self, zone: ZoneInfo):
        self.zone = zone
        self.years: dict[int, tuple[list[int], list[int]]] = {}

    def next_change(self, utc: int) -> tuple[int, int]:
        """The first offset change after utc (instant, new offset), looking two years on; else never."""
        year = date.fromordinal(utc // _DAY + 1).year
        for y in (year, year + 1, year + 2):
            times, offsets = self.years.get(y) or self._scan(y)
            i = bisect_right(times, utc)
            if i < len(times):
                return times[i], offsets[i]
        return _NEVER, 0

    def _scan(self, year: int) -> tuple[list[int], list[int]]:
        times: list[int] = []
        offsets: list[int] = []
        if _FIRST_YEAR <= year <= _LAST_YEAR + 1:
            start = (datetime(year, 1, 1) - _BASE) // _ONE_US
            stop = (datetime(year + 1, 1, 1) - _BASE) // _ONE_US
            before, previous = _offset(self.zone, start), start
            while previous < stop:
                t = min(previous + _SAMPLE, stop)
                now = _offset(self.zone, t)
                if now != before:
                    times.append(self._bisect(previous, t, before))
                    offsets.append(now)
                    before = now
                previous = t
        self.years[year] = (times, offsets)
        return times, offsets

    def _bisect(self, lo: int, hi: int, before: int) -> int:
        """The first whole second in (lo, hi] whose offset differs from before (hi's does)."""
        lo, hi = lo // _US, hi // _US
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _offset(self.zone, mid * _US) == before:
                lo = mid
            else:
                hi = mid
        return hi * _US


_TABLES: dict[str, _Offsets] = {}


def _table(zone: ZoneInfo) -> _Offsets:
    table = _TABLES.get(zone.key)
    if table is None:
        table = _TABLES.setdefault(zone.key, _Offsets(zone))
    return table
