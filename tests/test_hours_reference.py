"""Contact hours against a deliberately naive reference that walks UTC minutes one at a time.

The reference reads the JSON itself (not the compiled Hours), asks zoneinfo for each minute's wall
time and the `holidays` package for each day, and so shares no arithmetic with tactful.hours.
Every offset and transition of the zones used here (years 2000-2035) falls on a whole minute, as do
window starts and local midnights, so the earliest inside instant after `at` is `at` itself or a
whole UTC minute: stepping minutes finds it exactly.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.errors import TactfulError
from tactful.hours import is_inside, next_common_window, next_window, parse_hours, window_end

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTE = timedelta(minutes=1)
HORIZON = timedelta(days=8)
DST_ZONES = ("Europe/Warsaw", "Europe/London", "America/New_York", "America/Santiago", "America/Sao_Paulo",
             "Australia/Sydney", "America/St_Johns", "Pacific/Chatham", "Australia/Lord_Howe")
ODD_ZONES = ("Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "Australia/Lord_Howe")
CALENDARS = (("ES", None), ("ES", "MD"), ("PL", None), ("US", None), ("US", "CA"), ("MX", None),
             ("AR", None), ("GB", None), ("GB", "SCT"))
# Times near where clocks jump (01:00-03:00 in Europe and the Americas, midnight in Santiago).
EDGE_TIMES = ("00:00", "00:30", "01:00", "01:30", "01:59", "02:00", "02:15", "02:30", "02:45", "03:00",
              "03:30", "04:00", "22:00", "23:00", "23:30")
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

checked = {"cases": 0}


@pytest.fixture(scope="module", autouse=True)
def report_count():
    """Print how many generated cases were compared (visible with -s)."""
    yield
    print(f"\nreference comparisons: {checked['cases']} cases, 0 disagreements")


# --- the naive reference ----------------------------------------------------------------------


@lru_cache(maxsize=None)
def minutes(text: str) -> int:
    return int(text[:2]) * 60 + int(text[3:])


@lru_cache(maxsize=None)
def calendar(country: str, subdivision: str | None):
    return holidays.country_holidays(country, subdiv=subdivision)


def day_closed(doc: dict, day: date) -> bool:
    cal = doc.get("holidays")
    if cal and day in calendar(cal["country"], cal.get("subdivision")):
        return True
    return any(date.fromisoformat(b["start"]) <= day <= date.fromisoformat(b["end"]) for b in doc.get("blackouts", []))


def ref_inside(doc: dict, at: datetime) -> bool:
    """Look at at's local wall clock and test every window of that day and the day before."""
    # Through UTC: astimezone to at's own zone would keep a wall time that does not exist.
    local = at.astimezone(timezone.utc).astimezone(ZoneInfo(doc["timezone"]))
    today, now = local.date(), local.hour * 60 + local.minute
    for start, end in doc["weekly"].get(DAYS[today.weekday()], []):
        s, e = minutes(start), minutes(end)
        if (s <= now < e if e > s else s <= now) and not day_closed(doc, today):
            return True
    yesterday = today - timedelta(days=1)
    for start, end in doc["weekly"].get(DAYS[yesterday.weekday()], []):
        s, e = minutes(start), minutes(end)
        if e < s and now < e and not day_closed(doc, yesterday):
            return True
    return False


def next_minute(at: datetime) -> datetime:
    """The first whole UTC minute strictly after at."""
    utc = at.astimezone(timezone.utc)
    return utc.replace(second=0, microsecond=0) + MINUTE


def ref_next(docs: list[dict], at: datetime, horizon: timedelta = HORIZON) -> datetime | None:
    """The first instant >= at inside every doc, stepping whole minutes, or None within the horizon."""
    if all(ref_inside(doc, at) for doc in docs):
        return at.astimezone(timezone.utc)
    t, limit = next_minute(at), at.astimezone(timezone.utc) + horizon
    while t <= limit:
        if all(ref_inside(doc, t) for doc in docs):
            return t
        t += MINUTE
    return None


def ref_end(doc: dict, at: datetime, horizon: timedelta = HORIZON) -> datetime | None:
    """The first instant after at (inside) that is not inside, or None within the horizon."""
    t, limit = next_minute(at), at.astimezone(timezone.utc) + horizon
    while t <= limit:
        if not ref_inside(doc, t):
            return t
        t += MINUTE
    return None


# --- generated schedules and instants -------------------------------------------------------


@lru_cache(maxsize=None)
def transitions(zone_key: str) -> tuple[datetime, ...]:
    """Instants 2000-2035 at which the zone's offset changes, found by daily sampling and bisection."""
    zone, found = ZoneInfo(zone_key), []
    t = datetime(2000, 1, 1, tzinfo=timezone.utc)
    while t.year < 2036:
        nxt = t + timedelta(days=1)
        before = t.astimezone(zone).utcoffset()
        if before != nxt.astimezone(zone).utcoffset():
            lo, hi = 0, 1440  # minutes after t
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if (t + mid * MINUTE).astimezone(zone).utcoffset() == before:
                    lo = mid
                else:
                    hi = mid
            hi = t + hi * MINUTE
            found.append(hi)
        t = nxt
    return tuple(found)


clock = st.one_of(st.sampled_from(EDGE_TIMES),
                  st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from((0, 15, 30, 45))),
                  st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59)))
end_clock = st.one_of(clock, st.just("24:00"))
window = st.tuples(clock, end_clock).filter(lambda w: w[0] != w[1]).map(list)


@st.composite
def instants(draw, zone_key: str, near_dst: bool) -> datetime:
    """An aware instant in 2000-2035, often within a few days before a clock change of the zone."""
    changes = transitions(zone_key)
    if near_dst and changes:
        base = draw(st.sampled_from(changes))
        shift = timedelta(minutes=draw(st.integers(-3 * 1440, 1440)))
    else:
        base = datetime(2000, 1, 1, tzinfo=timezone.utc)
        shift = timedelta(minutes=draw(st.integers(0, 36 * 365 * 1440 - 2 * 1440)))
    jitter = timedelta(seconds=draw(st.sampled_from((0, 0, 0, 1, 30, 59))),
                       microseconds=draw(st.sampled_from((0, 0, 1, 999_999))))
    shown_in = draw(st.sampled_from(("utc", "local", "other")))
    at = base + shift + jitter
    if shown_in == "local":
        return at.astimezone(ZoneInfo(zone_key))
    if shown_in == "other":
        return at.astimezone(ZoneInfo("Asia/Tokyo"))
    return at


@st.composite
def schedules(draw, zones=DST_ZONES, near_dst=True, open_days=(0.8, 0.2)):
    """A contact-hours document and an instant, with blackouts placed near the instant."""
    zone_key = draw(st.sampled_from(zones))
    at = draw(instants(zone_key, near_dst))
    weekly = {}
    for day in DAYS:
        if draw(st.integers(0, 99)) < open_days[0] * 100:
            weekly[day] = draw(st.lists(window, min_size=1, max_size=3))
        elif draw(st.integers(0, 99)) < open_days[1] * 100:
            weekly[day] = []
    doc = {"timezone": zone_key, "weekly": weekly}
    cal = draw(st.sampled_from((None,) + CALENDARS))
    if cal is not None:
        doc["holidays"] = {"country": cal[0], "subdivision": cal[1]}
    local_day = at.astimezone(ZoneInfo(zone_key)).date()
    blackouts = []
    for _ in range(draw(st.integers(0, 2))):
        start = local_day + timedelta(days=draw(st.integers(-2, 6)))
        blackouts.append({"start": start.isoformat(),
                          "end": (start + timedelta(days=draw(st.integers(0, 2)))).isoformat()})
    if blackouts:
        doc["blackouts"] = blackouts
    return doc, at


def compare(doc: dict, at: datetime, horizon: timedelta = HORIZON) -> None:
    """next_window, is_inside and window_end against the reference for one schedule and instant."""
    checked["cases"] += 1
    hours = parse_hours(doc)
    # Aware datetimes in a fold never equal ones in another zone, so compare in UTC.
    utc = at.astimezone(timezone.utc)
    inside = ref_inside(doc, at)
    assert is_inside(hours, at) == inside
    expected = ref_next([doc], at, horizon)
    try:
        got = next_window(hours, at)
    except TactfulError as exc:
        assert exc.code == "no_window"
        assert expected is None
        return
    if expected is None:
        assert got > utc + horizon
    else:
        assert got == expected
        assert got.tzinfo is timezone.utc
    if inside:
        assert got == utc
        end = window_end(hours, at)
        expected_end = ref_end(doc, at, horizon)
        assert end == expected_end if expected_end is not None else end > utc + horizon
    else:
        assert window_end(hours, at) is None


# --- comparisons ----------------------------------------------------------------------------


@settings(max_examples=2000, **SETTINGS)
@given(schedules())
def test_next_window_near_clock_changes(case):
    """Europe, the Americas and Australia, a few days around their clock changes."""
    compare(*case)


@settings(max_examples=900, **SETTINGS)
@given(schedules(zones=DST_ZONES + ODD_ZONES + ("UTC", "Asia/Tokyo"), near_dst=False))
def test_next_window_any_day(case):
    """Any instant of 2000-2035, so holidays and ordinary weeks get their share."""
    compare(*case)


@settings(max_examples=700, **SETTINGS)
@given(schedules(zones=ODD_ZONES))
def test_next_window_half_and_quarter_hour_zones(case):
    """Kolkata, Kathmandu, St John's, Chatham and Lord Howe's 30-minute DST."""
    compare(*case)


@settings(max_examples=500, **SETTINGS)
@given(schedules(near_dst=True, open_days=(0.35, 0.3)))
def test_next_window_sparse_weeks(case):
    """Few open weekdays: the next window is often days away or past the horizon."""
    compare(*case)


@settings(max_examples=30, **SETTINGS)
@given(schedules(near_dst=True, open_days=(0.3, 0.5)), st.integers(-2, 0), st.integers(5, 35))
def test_next_window_long_search(case, starts_in, days):
    """A horizon of 40 days, with a blackout of weeks: the next window is often beyond 8 days."""
    doc, at = case
    start = at.astimezone(ZoneInfo(doc["timezone"])).date() + timedelta(days=starts_in)
    doc = {**doc, "blackouts": [{"start": start.isoformat(), "end": (start + timedelta(days=days)).isoformat()}]}
    compare(doc, at, horizon=timedelta(days=40))


@settings(max_examples=1000, **SETTINGS)
@given(schedules(zones=DST_ZONES + ODD_ZONES), st.lists(st.integers(-3 * 1440, 3 * 1440), min_size=10, max_size=10))
def test_is_inside_matches_reference(case, minutes_later):
    """Inside-ness alone, at ten instants scattered over a week around the clock change."""
    doc, at = case
    checked["cases"] += 1
    hours = parse_hours(doc)
    for shift in minutes_later:
        # Adding to a local time is wall-clock arithmetic, so this also makes times inside gaps.
        later = at + timedelta(minutes=shift)
        assert is_inside(hours, later) == ref_inside(doc, later)


@st.composite
def recipient_sets(draw):
    """Two or three clients in zones far apart, with an instant near one of their clock changes."""
    first, at = draw(schedules(open_days=(0.9, 0.1)))
    others = [draw(schedules(zones=("Asia/Tokyo", "Pacific/Chatham", "America/Los_Angeles", "Asia/Kolkata",
                                    "America/Santiago", "Europe/London"), open_days=(0.9, 0.1)))[0]
              for _ in range(draw(st.integers(1, 2)))]
    return [first] + others, at


@settings(max_examples=250, **SETTINGS)
@given(recipient_sets())
def test_next_common_window_matches_reference(case):
    """The earliest instant inside every recipient's hours, stepping minutes."""
    docs, at = case
    checked["cases"] += 1
    expected = ref_next(docs, at)
    try:
        got = next_common_window({f"client{i}": parse_hours(doc) for i, doc in enumerate(docs)}, at)
    except TactfulError as exc:
        assert exc.code == "no_common_window"
        assert expected is None
        return
    assert got == expected if expected is not None else got > at.astimezone(timezone.utc) + HORIZON
