"""Proposed call slots: always wholly inside both parties' hours, never past, never on holidays or blackouts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import holidays as holidays_lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tactful.conflict.slots import LEAD, propose
from tactful.hours import is_inside, parse_hours

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZONES = ["Europe/Warsaw", "Europe/Madrid", "America/Los_Angeles", "America/Mexico_City", "Asia/Tokyo",
         "Australia/Sydney", "Pacific/Auckland", "Asia/Kolkata", "America/Sao_Paulo", "Europe/London"]
COUNTRIES = {"Europe/Warsaw": "PL", "Europe/Madrid": "ES", "America/Los_Angeles": "US", "America/Mexico_City": "MX",
             "Asia/Tokyo": "JP", "Australia/Sydney": "AU", "Pacific/Auckland": "NZ", "Asia/Kolkata": "IN",
             "America/Sao_Paulo": "BR", "Europe/London": "GB"}
# Instants next to DST changes (Europe, US, southern hemisphere) and a plain week.
ANCHORS = [datetime(2026, 3, 27, 20, tzinfo=timezone.utc), datetime(2026, 10, 23, 20, tzinfo=timezone.utc),
           datetime(2026, 3, 6, 12, tzinfo=timezone.utc), datetime(2026, 10, 30, 12, tzinfo=timezone.utc),
           datetime(2026, 4, 2, 12, tzinfo=timezone.utc), datetime(2026, 9, 25, 12, tzinfo=timezone.utc),
           datetime(2026, 12, 22, 9, tzinfo=timezone.utc)]


@st.composite
def schedules(draw):
    """A zone with a national holiday calendar, a few weekday windows (some crossing midnight), a blackout."""
    zone = draw(st.sampled_from(ZONES))
    weekly = {}
    for day in draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True)):
        start = draw(st.integers(0, 46)) * 30
        length = draw(st.integers(1, 20)) * 30
        end = (start + length) % 1440
        weekly[day] = [[f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}"
                        if end else "24:00"]]
    spec = {"timezone": zone, "weekly": weekly, "holidays": {"country": COUNTRIES[zone]}}
    if draw(st.booleans()):
        first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        spec["blackouts"] = [{"start": first.isoformat(), "end": (first + timedelta(days=3)).isoformat()}]
    return spec


def _closed_day(spec: dict, local: datetime) -> bool:
    """Independent check with the holidays package: the window's own start day is a holiday or blacked out."""
    day = local.date()
    if day in holidays_lib.country_holidays(spec["holidays"]["country"], years=day.year):
        return True
    return any(date.fromisoformat(b["start"]) <= day <= date.fromisoformat(b["end"]) for b in spec.get("blackouts", []))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _open_window_holds(spec: dict, local: datetime) -> bool:
    """Independent check: some window holds this wall time and the day it starts on is open.

    A window that crosses midnight belongs to the day it starts on, so an early-morning time
    may be held by its own day's window or by the previous day's crossing one; either will do,
    as long as that window's day is not a holiday or a blackout.
    """
    now = local.hour * 60 + local.minute
    for back, day in ((0, local), (1, local - timedelta(days=1))):
        for start, end in spec["weekly"].get(DAYS[day.weekday()], []):
            first, last = _minutes(start), _minutes(end)
            crosses = last <= first
            held = (first <= now < last) if not crosses and back == 0 else \
                (now >= first if back == 0 else crosses and now < last)
            if held and not _closed_day(spec, day):
                return True
    return False


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules(), schedules(), st.sampled_from(ANCHORS), st.integers(0, 7 * 24 * 60),
       st.sampled_from([15, 30, 45]))
def test_slots_fit_both_parties_and_are_never_past_or_closed(client, user, anchor, shift, minutes):
    now = anchor + timedelta(minutes=shift)
    hours = [parse_hours(client), parse_hours(user)]
    duration = timedelta(minutes=minutes)
    slots = propose(hours, now, duration)
    assert slots == sorted(slots) and len(set(slots)) == len(slots)
    for start in slots:
        assert start >= now + LEAD
        for h, spec in zip(hours, (client, user)):
            # Every minute of the call, not only its start, is inside.
            assert all(is_inside(h, start + timedelta(minutes=m)) for m in range(minutes))
            local = start.astimezone(ZoneInfo(spec["timezone"]))
            assert _open_window_holds(spec, local)


def test_distant_zones_share_the_narrow_overlap():
    la = parse_hours({"timezone": "America/Los_Angeles",
                      "weekly": {d: [["09:00", "17:00"]] for d in DAYS[:5]}, "holidays": {"country": "US"}})
    warsaw = parse_hours({"timezone": "Europe/Warsaw", "weekly": {d: [["08:00", "18:30"]] for d in DAYS[:5]},
                          "holidays": {"country": "PL"}})
    slots = propose([la, warsaw], datetime(2026, 11, 25, 12, tzinfo=timezone.utc), timedelta(minutes=15))
    # 09:00 in Los Angeles is 18:00 in Warsaw: the only overlap; Thanksgiving (26 Nov) is skipped.
    assert [s.isoformat() for s in slots] == ["2026-11-25T17:00:00+00:00", "2026-11-27T17:00:00+00:00",
                                              "2026-11-30T17:00:00+00:00"]


def test_a_call_that_would_overrun_the_window_is_not_proposed():
    short = parse_hours({"timezone": "Europe/Madrid", "weekly": {"mon": [["09:00", "09:20"]]}})
    slots = propose([short], datetime(2026, 11, 22, 12, tzinfo=timezone.utc), timedelta(minutes=30))
    assert slots == []


def test_across_the_spring_forward_gap_slots_keep_wall_clock_hours():
    madrid = parse_hours({"timezone": "Europe/Madrid", "weekly": {d: [["10:00", "12:00"]] for d in DAYS}})
    slots = propose([madrid], datetime(2026, 3, 28, 12, tzinfo=timezone.utc), timedelta(minutes=15))
    local = [s.astimezone(ZoneInfo("Europe/Madrid")) for s in slots]
    assert [(t.day, t.strftime("%H:%M")) for t in local] == [(29, "10:00"), (30, "10:00"), (31, "10:00")]
    assert local[0].utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("count", [2, 3])
def test_slots_are_spread_not_back_to_back(count):
    office = parse_hours({"timezone": "Europe/Warsaw", "weekly": {d: [["09:00", "17:00"]] for d in DAYS[:5]}})
    slots = propose([office], datetime(2026, 11, 23, 7, tzinfo=timezone.utc), timedelta(minutes=15), count)
    assert len(slots) == count
    assert all(b - a >= timedelta(hours=4) for a, b in zip(slots, slots[1:]))
