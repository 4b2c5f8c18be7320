"""The contact-hours JSON: a pydantic model that validates it, and the compile step to Hours."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictStr, ValidationError
from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ..errors import TactfulError
from .holidays import canonical_country, canonical_subdivision
from .windows import MINUTES_PER_DAY, WEEKDAYS, Hours

MAX_WINDOWS_PER_DAY = 48
MAX_BLACKOUTS = 1000
_CLOCK = re.compile(r"([0-9]{2}):([0-9]{2})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def clock_minutes(value: str) -> int:
    """Minutes after midnight of an "HH:MM" time, "24:00" giving 1440; ValueError when malformed."""
    match = _CLOCK.fullmatch(value)
    if match:
        hours, minutes = int(match[1]), int(match[2])
        if (hours < 24 and minutes < 60) or (hours, minutes) == (24, 0):
            return hours * 60 + minutes
    raise ValueError(value)


def _time(value: str, *, end: bool) -> str:
    try:
        minutes = clock_minutes(value)
    except ValueError:
        raise PydanticCustomError(
            "invalid_time", "'{value}' is not a time: write HH:MM from 00:00 to 23:59 (24:00 only as an end)",
            {"value": value[:40]}) from None
    if minutes == MINUTES_PER_DAY and not end:
        raise PydanticCustomError("invalid_time", "24:00 is the end of the day and cannot start a window")
    return value


def _pair(value: Any) -> Any:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise PydanticCustomError("invalid_window", 'a window is a pair of times ["HH:MM", "HH:MM"]')
    return value


def _not_empty(window: tuple[str, str]) -> tuple[str, str]:
    if clock_minutes(window[0]) == clock_minutes(window[1]):
        raise PydanticCustomError("invalid_window", "a window's end must differ from its start")
    return window


def _iso_date(value: str) -> date:
    try:
        if _DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise PydanticCustomError("invalid_date", "'{value}' is not a date: write YYYY-MM-DD", {"value": value[:40]})


# The JSON Schema patterns say the same as the validators, which give the friendlier messages.
_START = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
_END = r"^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
Start = Annotated[StrictStr, Field(json_schema_extra={"pattern": _START}), AfterValidator(lambda v: _time(v, end=False))]
End = Annotated[StrictStr, Field(json_schema_extra={"pattern": _END}), AfterValidator(lambda v: _time(v, end=True))]
Window = Annotated[tuple[Start, End], BeforeValidator(_pair), AfterValidator(_not_empty)]
Windows = Annotated[list[Window], Field(max_length=MAX_WINDOWS_PER_DAY)]
IsoDate = Annotated[StrictStr, Field(json_schema_extra={"format": "date"}), AfterValidator(_iso_date)]


class Weekly(BaseModel):
    """Windows per weekday; a missing weekday has none."""

    model_config = ConfigDict(extra="forbid")
    mon: Windows = Field(default_factory=list)
    tue: Windows = Field(default_factory=list)
    wed: Windows = Field(default_factory=list)
    thu: Windows = Field(default_factory=list)
    fri: Windows = Field(default_factory=list)
    sat: Windows = Field(default_factory=list)
    sun: Windows = Field(default_factory=list)


class HolidayCalendar(BaseModel):
    """Whose public holidays close the day: a country of the `holidays` package and optionally a subdivision."""

    model_config = ConfigDict(extra="forbid")
    country: Annotated[StrictStr, Field(max_length=64, description="A country code of the holidays package (any case).",
                                        json_schema_extra=lambda schema: schema.update(enum=_country_codes()))]
    subdivision: Annotated[StrictStr, Field(max_length=64)] | None = None

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        code = canonical_country(value)
        if code is None:
            raise PydanticCustomError("unknown_country", "'{value}' is not a country the holidays calendar knows "
                                      "(use an ISO code such as PL, ES or US)", {"value": value[:40]})
        return code

    @field_validator("subdivision")
    @classmethod
    def _known_subdivision(cls, value: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if value is None or country is None:
            return value
        code = canonical_subdivision(country, value)
        if code is None:
            raise PydanticCustomError("unknown_subdivision", "'{value}' is not a subdivision of {country} "
                                      "in the holidays calendar", {"value": value[:40], "country": country})
        return code


class Blackout(BaseModel):
    """Local dates, both inclusive, on which no window opens."""

    model_config = ConfigDict(extra="forbid")
    start: IsoDate
    end: IsoDate

    @field_validator("end")
    @classmethod
    def _ordered(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start is not None and value < start:
            raise PydanticCustomError("invalid_range", "a blackout's end ({end}) is before its start ({start})",
                                      {"end": value.isoformat(), "start": start.isoformat()})
        return value


class HoursSpec(BaseModel):
    """A client's contact hours, as written in JSON."""

    model_config = ConfigDict(extra="forbid")
    timezone: Annotated[StrictStr, Field(max_length=64, description="An IANA time zone such as Europe/Warsaw.",
                                         json_schema_extra=lambda schema: schema.update(enum=sorted(_zone_names())))]
    weekly: Weekly
    holidays: HolidayCalendar | None = None
    blackouts: Annotated[list[Blackout], Field(max_length=MAX_BLACKOUTS)] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in _zone_names():
            raise PydanticCustomError("unknown_timezone", "'{value}' is not a known time zone "
                                      "(use an IANA name such as Europe/Warsaw)", {"value": value[:60]})
        return value

    def compile(self) -> Hours:
        """The compiled form the arithmetic works on."""
        weekly = tuple(tuple(_minutes(w) for w in getattr(self.weekly, day)) for day in WEEKDAYS)
        calendar = None if self.holidays is None else (self.holidays.country, self.holidays.subdivision)
        return Hours(zone=ZoneInfo(self.timezone), weekly=weekly, calendar=calendar,
                     blackouts=tuple((b.start, b.end) for b in self.blackouts))


def _minutes(window: tuple[str, str]) -> tuple[int, int]:
    start, end = clock_minutes(window[0]), clock_minutes(window[1])
    return start, end + MINUTES_PER_DAY if end < start else end


def _country_codes() -> list[str]:
    from .holidays import supported

    return sorted(supported())


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    # "localtime" is this machine's zone file, not a name that means the same everywhere.
    names = set(available_timezones()) - {"localtime"}
    return frozenset(name for name in names if _loads(name))


def _loads(name: str) -> bool:
    try:
        ZoneInfo(name)
    except Exception:  # noqa: BLE001 - a zone file that does not load is simply not offered
        return False
    return True


def parse_hours(data: object, field_prefix: str = "") -> Hours:
    """Validate contact-hours JSON and compile it, raising TactfulError that names the bad field."""
    try:
        spec = HoursSpec.model_validate(data)
    except ValidationError as exc:
        raise _to_error(exc, field_prefix) from None
    return spec.compile()


def _to_error(exc: ValidationError, prefix: str) -> TactfulError:
    from ..schemas import error_from

    err = exc.errors(include_url=False)[0]
    if err["type"] == "extra_forbidden" and len(err["loc"]) == 2 and err["loc"][0] == "weekly":
        field = f"{prefix}weekly.{err['loc'][1]}"
        return TactfulError("unknown_field", f"{field}: {err['loc'][1]!r} is not a weekday; use {', '.join(WEEKDAYS)}",
                            field=field, status=422)
    if err["type"] in ("model_type", "model_attributes_type", "dict_type"):
        field = prefix + ".".join(str(part) for part in err["loc"]) if err["loc"] else prefix.rstrip(".") or None
        return TactfulError("invalid_field", f"{field or 'contact hours'} must be a JSON object", field=field,
                            status=422)
    return error_from(err, prefix)
