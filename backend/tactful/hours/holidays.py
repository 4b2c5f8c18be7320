"""Public holidays from the `holidays` package, cached: building a country's calendar is slow."""

from __future__ import annotations

import threading
import warnings
from datetime import date
from functools import lru_cache

_BUILD = threading.Lock()


@lru_cache(maxsize=1)
def supported() -> dict[str, frozenset[str]]:
    """Country codes the package knows (alpha-2, alpha-3 and its aliases) and their subdivision codes."""
    import holidays as _holidays  # loaded on first use: a draft with no client never needs it

    return {code.upper(): frozenset(subs) for code, subs in _holidays.list_supported_countries().items()}


def canonical_country(code: str) -> str | None:
    """The package's spelling of a country code, or None when the package does not know it."""
    upper = code.upper()
    return upper if upper in supported() else None


def canonical_subdivision(country: str, code: str) -> str | None:
    """The package's spelling of a subdivision of country (case-insensitive), or None when unknown."""
    subs = supported().get(country, frozenset())
    if code in subs:
        return code
    folded = code.casefold()
    return next((sub for sub in sorted(subs) if sub.casefold() == folded), None)


@lru_cache(maxsize=4096)
def holiday_days(country: str, subdivision: str | None, year: int) -> frozenset[int]:
    """Day numbers (date.toordinal() - 1) of the public holidays of one year, observed days included."""
    import holidays as _holidays

    with _BUILD, warnings.catch_warnings():
        # Some calendars warn outside the years they cover; there they simply have no holidays.
        warnings.simplefilter("ignore")
        calendar = _holidays.country_holidays(country, subdiv=subdivision, years=year)
        return frozenset(day.toordinal() - 1 for day in calendar if isinstance(day, date) and day.year == year)
