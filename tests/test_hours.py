"""Contact hours: one example per rule of DESIGN.md "Contact hours", and every way to get the JSON wrong."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.errors import TactfulError
from tactful.hours import Hours, is_inside, next_common_window, next_window, parse_hours, window_end

WARSAW = ZoneInfo("Europe/Warsaw")
UTC = timezone.utc
EXAMPLE = {"timezone": "Europe/Warsaw",
           "weekly": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "12:00"], ["13:00", "17:00"]],
                      "fri": [["22:00", "02:00"]]},
           "holidays": {"country": "PL", "subdivision": None},
           "blackouts": [{"start": "2026-12-24", "end": "2026-12-26"}]}


def hours(weekly: dict, zone: str = "Europe/Warsaw", **extra) -> Hours:
    return parse_hours({"timezone": zone, "weekly": weekly, **extra})


def warsaw(*args) -> datetime:
    return datetime(*args, tzinfo=WARSAW)


# --- the rules ----------------------------------------------------------------------------------


def test_the_design_example_parses_and_round_trips():
    parsed = parse_hours(EXAMPLE)
    assert parsed.to_json() == EXAMPLE
    assert parse_hours(parsed.to_json()) == parsed


def test_window_is_half_open_on_its_weekday():
    h = hours({"mon": [["09:00", "17:00"]]})
    assert not is_inside(h, warsaw(2026, 5, 18, 8, 59, 59))
    assert is_inside(h, warsaw(2026, 5, 18, 9, 0))
    assert is_inside(h, warsaw(2026, 5, 18, 16, 59, 59, 999999))
    assert not is_inside(h, warsaw(2026, 5, 18, 17, 0))
    assert not is_inside(h, warsaw(2026, 5, 19, 10, 0)), "a missing weekday has no window"


def test_next_window_later_the_same_day_and_next_week():
    h = hours({"tue": [["09:00", "12:00"], ["13:00", "17:00"]]})
    assert next_window(h, warsaw(2026, 5, 19, 12, 0)) == warsaw(2026, 5, 19, 13, 0)
    assert next_window(h, warsaw(2026, 5, 19, 17, 0)) == warsaw(2026, 5, 26, 9, 0)


def test_inside_returns_at_itself_in_utc():
    h = hours({"mon": [["09:00", "17:00"]]})
    at = warsaw(2026, 5, 18, 10, 11, 12, 345678)
    got = next_window(h, at)
    assert got == at and got.tzinfo is UTC and got.microsecond == 345678


def test_naive_at_is_refused():
    h = hours({"mon": [["09:00", "17:00"]]})
    for call in (is_inside, next_window, window_end):
        with pytest.raises(TactfulError) as err:
            call(h, datetime(2026, 5, 18, 10, 0))
        assert err.value.field == "at"


def test_window_crossing_midnight_belongs_to_the_day_it_starts():
    h = hours({"fri": [["22:00", "02:00"]]})
    assert not is_inside(h, warsaw(2026, 5, 15, 21, 59))
    assert is_inside(h, warsaw(2026, 5, 15, 22, 0))
    assert is_inside(h, warsaw(2026, 5, 16, 1, 0))
    assert not is_inside(h, warsaw(2026, 5, 16, 2, 0))
    assert not is_inside(h, warsaw(2026, 5, 16, 22, 30)), "Saturday has no window of its own"
    assert next_window(h, warsaw(2026, 5, 16, 2, 0)) == warsaw(2026, 5, 22, 22, 0)
    assert window_end(h, warsaw(2026, 5, 15, 23, 0)) == warsaw(2026, 5, 16, 2, 0)


def test_24_00_is_midnight_at_the_end_of_the_day():
    h = hours({"mon": [["20:00", "24:00"]]})
    assert is_inside(h, warsaw(2026, 5, 18, 23, 59, 59, 999999))
    assert not is_inside(h, warsaw(2026, 5, 19, 0, 0))
    assert window_end(h, warsaw(2026, 5, 18, 21, 0)) == warsaw(2026, 5, 19, 0, 0)
    assert hours({"mon": [["20:00", "00:00"]]}) == h, "an end of 00:00 after a later start is the same window"


def test_windows_that_touch_end_together():
    h = hours({"mon": [["00:00", "24:00"]], "tue": [["00:00", "12:00"]], "sun": [["22:00", "03:00"]]})
    assert window_end(h, warsaw(2026, 5, 17, 23, 0)) == warsaw(2026, 5, 19, 12, 0)
    assert window_end(h, warsaw(2026, 5, 19, 12, 0)) is None


def test_public_holiday_closes_the_day():
    h = hours({"wed": [["09:00", "17:00"]]}, holidays={"country": "PL"})
    assert not is_inside(h, warsaw(2026, 11, 11, 10, 0)), "Independence Day"
    assert next_window(h, warsaw(2026, 11, 11, 10, 0)) == warsaw(2026, 11, 18, 9, 0)
    assert is_inside(h, warsaw(2026, 11, 4, 10, 0))


def test_holidays_of_a_subdivision_only():
    weekly = {"mon": [["09:00", "17:00"]]}
    boston = ZoneInfo("America/New_York")
    patriots_day = datetime(2026, 4, 20, 10, 0, tzinfo=boston)
    assert is_inside(hours(weekly, "America/New_York", holidays={"country": "US"}), patriots_day)
    massachusetts = hours(weekly, "America/New_York", holidays={"country": "US", "subdivision": "MA"})
    assert not is_inside(massachusetts, patriots_day)
    assert next_window(massachusetts, patriots_day) == datetime(2026, 4, 27, 9, 0, tzinfo=boston)


def test_blackout_dates_are_inclusive():
    daily = {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    h = hours(daily, blackouts=[{"start": "2026-12-24", "end": "2026-12-26"}])
    assert is_inside(h, warsaw(2026, 12, 23, 16, 0))
    for day in (24, 25, 26):
        assert not is_inside(h, warsaw(2026, 12, day, 10, 0))
    assert next_window(h, warsaw(2026, 12, 23, 17, 0)) == warsaw(2026, 12, 27, 9, 0)


def test_a_crossing_window_is_judged_by_the_day_it_starts_on():
    holiday = {"country": "PL"}
    starts_on_holiday = hours({"wed": [["22:00", "02:00"]]}, holidays=holiday)
    assert not is_inside(starts_on_holiday, warsaw(2026, 11, 11, 23, 0))
    assert not is_inside(starts_on_holiday, warsaw(2026, 11, 12, 1, 0)), "closed entirely, after midnight too"
    runs_into_holiday = hours({"tue": [["22:00", "02:00"]]}, holidays=holiday)
    assert is_inside(runs_into_holiday, warsaw(2026, 11, 11, 1, 0))
    blacked_out = hours({"fri": [["22:00", "02:00"]]}, blackouts=[{"start": "2026-05-15", "end": "2026-05-15"}])
    assert not is_inside(blacked_out, warsaw(2026, 5, 16, 1, 0))
    assert next_window(blacked_out, warsaw(2026, 5, 15, 12, 0)) == warsaw(2026, 5, 22, 22, 0)


def test_spring_forward_gap_is_never_inside():
    # Europe/Warsaw, Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    in_gap = hours({"sun": [["02:15", "02:45"]]})
    assert next_window(in_gap, warsaw(2026, 3, 28, 12, 0)) == warsaw(2026, 4, 5, 2, 15)
    across = hours({"sun": [["02:30", "04:00"]]})
    opens = next_window(across, warsaw(2026, 3, 29, 0, 0))
    assert opens == datetime(2026, 3, 29, 1, 0, tzinfo=UTC) == warsaw(2026, 3, 29, 3, 0)
    assert is_inside(across, opens)
    assert not is_inside(across, opens - timedelta(microseconds=1))
    assert window_end(across, opens) == warsaw(2026, 3, 29, 4, 0)


def test_at_given_as_a_wall_time_in_the_gap_is_the_instant_python_gives_it():
    # 02:30 on 2026-03-29 does not exist in Warsaw; with fold=0 Python reads it with the offset before the
    # change (+01:00), which is 01:30 UTC, 03:30 on the clock.
    at = warsaw(2026, 3, 29, 2, 30)
    h = hours({"sun": [["03:00", "04:00"]]})
    assert is_inside(h, at)
    assert next_window(h, at) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_fall_back_hour_is_inside_both_times():
    # Europe/Warsaw, Sunday 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:15 happens at 00:15 and 01:15 UTC.
    h = hours({"sun": [["02:00", "02:30"]]})
    first, second = datetime(2026, 10, 25, 0, 15, tzinfo=UTC), datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    assert first.astimezone(WARSAW).hour == second.astimezone(WARSAW).hour == 2
    assert is_inside(h, first) and is_inside(h, second)
    assert is_inside(h, datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=WARSAW))
    between = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)
    assert not is_inside(h, between)
    assert next_window(h, between) == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert window_end(h, first) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_falling_back_into_a_window_opens_it_at_the_change():
    # 01:30-02:30: after 02:30 CEST ends it, the clock falls back from 03:00 to 02:00, inside again.
    h = hours({"sun": [["01:30", "02:30"]]})
    assert next_window(h, datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)


def test_midnight_that_does_not_exist():
    # America/Santiago, 2026-09-06: Saturday 24:00 jumps to Sunday 01:00, so Sunday 00:xx never happens.
    santiago = ZoneInfo("America/Santiago")
    h = hours({"sun": [["00:00", "00:30"], ["00:45", "02:00"]]}, "America/Santiago")
    assert next_window(h, datetime(2026, 9, 5, 12, 0, tzinfo=santiago)) == datetime(2026, 9, 6, 1, 0, tzinfo=santiago)


def test_no_window_within_366_days_is_an_error():
    with pytest.raises(TactfulError) as err:
        next_window(hours({}), warsaw(2026, 5, 18, 10, 0))
    assert err.value.code == "no_window" and err.value.status == 422
    assert "no window" in err.value.message
    long_blackout = [{"start": "2026-01-01", "end": "2027-12-31"}]
    with pytest.raises(TactfulError):
        next_window(hours({"mon": [["09:00", "17:00"]]}, blackouts=long_blackout), warsaw(2026, 5, 18, 10, 0))
    later = hours({"mon": [["09:00", "17:00"]]}, blackouts=[{"start": "2026-01-01", "end": "2026-12-31"}])
    assert next_window(later, warsaw(2026, 5, 18, 10, 0)) == warsaw(2027, 1, 4, 9, 0)


def test_common_window_of_clients_far_apart():
    weekdays = ("mon", "tue", "wed", "thu", "fri")
    office = hours({day: [["09:00", "17:00"]] for day in weekdays})
    auckland = hours({day: [["19:00", "23:00"]] for day in weekdays}, "Pacific/Auckland")
    # Monday 09:00 in Warsaw (UTC+1) is Monday 21:00 in Auckland (UTC+13).
    got = next_common_window({"Acme": office, "Kiwi": auckland}, datetime(2026, 11, 16, 0, 0, tzinfo=UTC))
    assert got == datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    assert next_common_window({"Acme": office, "Kiwi": auckland}, got) == got
    assert next_common_window({}, got) == got


def test_no_common_window_names_the_clients():
    weekdays = ("mon", "tue", "wed", "thu", "fri")
    office = hours({day: [["09:00", "17:00"]] for day in weekdays})
    night = hours({day: [["09:00", "17:00"]] for day in weekdays}, "Pacific/Auckland")
    anyone = hours({day: [["00:00", "24:00"]] for day in weekdays})
    at = datetime(2026, 11, 16, tzinfo=UTC)
    with pytest.raises(TactfulError) as err:
        next_common_window({"Acme": office, "Kiwi": night, "Open": anyone}, at)
    assert err.value.code == "no_common_window" and err.value.status == 422
    assert "Acme and Kiwi" in err.value.message and "Open" not in err.value.message
    with pytest.raises(TactfulError) as err:
        next_common_window({"Acme": office, "Closed": hours({})}, at)
    assert "Closed" in err.value.message and "Acme" not in err.value.message


# --- invalid input ------------------------------------------------------------------------------


def with_(path: str, value) -> dict:
    """EXAMPLE with one value replaced; path is dotted like a TactfulError field."""
    doc = copy.deepcopy(EXAMPLE)
    *parents, last = path.split(".")
    node = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[int(last) if isinstance(node, list) else last] = value
    return doc


INVALID = [
    (with_("timezone", "Europe/Warsw"), "timezone", "known time zone"),
    (with_("timezone", "localtime"), "timezone", "known time zone"),
    (with_("timezone", ""), "timezone", "known time zone"),
    (with_("timezone", 1), "timezone", "string"),
    (with_("weekly.mon.0.0", "25:00"), "weekly.mon.0.0", "not a time"),
    (with_("weekly.mon.0.0", "9am"), "weekly.mon.0.0", "not a time"),
    (with_("weekly.mon.0.0", "9:00"), "weekly.mon.0.0", "not a time"),
    (with_("weekly.mon.0.1", "24:01"), "weekly.mon.0.1", "not a time"),
    (with_("weekly.mon.0.1", "17:60"), "weekly.mon.0.1", "not a time"),
    (with_("weekly.mon.0.0", "24:00"), "weekly.mon.0.0", "cannot start"),
    (with_("weekly.mon.0.1", 17), "weekly.mon.0.1", "string"),
    (with_("weekly.mon.0", ["09:00"]), "weekly.mon.0", "pair"),
    (with_("weekly.mon.0", ["09:00", "12:00", "17:00"]), "weekly.mon.0", "pair"),
    (with_("weekly.mon.0", "09:00-17:00"), "weekly.mon.0", "pair"),
    (with_("weekly.mon.0", ["09:00", "09:00"]), "weekly.mon.0", "differ"),
    (with_("weekly.mon", None), "weekly.mon", "list"),
    (with_("weekly.monday", []), "weekly.monday", "not a weekday"),
    (with_("weekly", []), "weekly", "object"),
    (with_("holidays.country", "XX"), "holidays.country", "not a country"),
    (with_("holidays.country", None), "holidays.country", "string"),
    (with_("holidays.subdivision", "ZZ"), "holidays.subdivision", "not a subdivision of PL"),
    (with_("holidays.extra", True), "holidays.extra", "not a known field"),
    (with_("blackouts.0.end", "2026-12-23"), "blackouts.0.end", "before its start"),
    (with_("blackouts.0.start", "24.12.2026"), "blackouts.0.start", "not a date"),
    (with_("blackouts.0.start", "2026-02-30"), "blackouts.0.start", "not a date"),
    (with_("blackouts.0.start", "20261224"), "blackouts.0.start", "not a date"),
    (with_("blackouts.0.start", 20261224), "blackouts.0.start", "string"),
    (with_("blackouts", {}), "blackouts", "list"),
    (with_("colour", "red"), "colour", "not a known field"),
]


@pytest.mark.parametrize(("doc", "field", "words"), INVALID, ids=[f"{f}-{i}" for i, (_, f, _) in enumerate(INVALID)])
def test_invalid_input_names_the_field(doc, field, words):
    with pytest.raises(TactfulError) as err:
        parse_hours(doc)
    assert (err.value.field, err.value.status) == (field, 422)
    assert words in err.value.message


def test_missing_fields_and_the_field_prefix():
    with pytest.raises(TactfulError) as err:
        parse_hours({"weekly": {}}, field_prefix="contact_hours.")
    assert (err.value.code, err.value.field) == ("missing_field", "contact_hours.timezone")
    with pytest.raises(TactfulError) as err:
        parse_hours([], field_prefix="contact_hours.")
    assert err.value.field == "contact_hours"
    with pytest.raises(TactfulError) as err:
        parse_hours(with_("blackouts", [{"start": "2026-01-01", "end": "2026-01-02"}, {"start": "2026-01-01",
                                                                                         "end": "2025-12-31"}]))
    assert err.value.field == "blackouts.1.end"


def test_codes_are_canonicalised():
    h = parse_hours({"timezone": "UTC", "weekly": {}, "holidays": {"country": "us", "subdivision": "ca"}})
    assert h.calendar == ("US", "CA")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["09:00", "24:00", "22:00", "2026-01-01", "Europe/Warsaw", "PL", "mon", "fri"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["timezone", "weekly", "holidays", "blackouts", "mon", "sun", "country", "subdivision",
                         "start", "end", "x"]) | st.text(max_size=6), inner, max_size=5),
    max_leaves=20)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_json_value_parses_or_is_refused(value):
    try:
        parse_hours(value)
    except TactfulError as err:
        assert err.status == 422 and err.message


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["timezone", "weekly", "weekly.mon", "weekly.mon.0", "weekly.mon.0.0", "weekly.tue.1.1",
                        "weekly.fri.0.1", "holidays", "holidays.country", "holidays.subdivision", "blackouts",
                        "blackouts.0", "blackouts.0.start", "blackouts.0.end"]), json_values)
def test_any_value_in_any_place_parses_or_is_refused(path, value):
    try:
        parsed = parse_hours(with_(path, value))
    except TactfulError as err:
        assert err.status == 422 and err.field and err.field.startswith(path.split(".")[0])
    else:
        assert parse_hours(parsed.to_json()) == parsed
