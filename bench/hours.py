"""next_window over a realistic mix: random office schedules in a dozen zones, instants inside and outside.

Prints JSON: median and p99 microseconds per call (warm caches, as in the running service), calls per
second, the share of instants that were already inside, and the cold cost of a first call.
    python bench/hours.py [calls]
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
from tactful.errors import TactfulError  # noqa: E402
from tactful.hours import is_inside, next_window, parse_hours  # noqa: E402

TARGET_MEDIAN_US = 50
ZONES = [("Europe/Warsaw", "PL"), ("Europe/Madrid", "ES"), ("Europe/London", "GB"), ("America/New_York", "US"),
         ("America/Mexico_City", "MX"), ("America/Argentina/Buenos_Aires", "AR"), ("America/Sao_Paulo", "BR"),
         ("Asia/Kolkata", "IN"), ("Asia/Kathmandu", None), ("Australia/Sydney", "AU"), ("America/St_Johns", "CA"),
         ("Pacific/Auckland", "NZ")]
WORKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def schedule(rng: random.Random) -> dict:
    """A freelancer's client: office hours, sometimes a lunch break, a late slot or a Saturday."""
    zone, country = rng.choice(ZONES)
    start, end = rng.choice([("08:00", "16:00"), ("09:00", "17:00"), ("10:00", "18:30"), ("07:30", "15:30")])
    day = [[start, "13:00"], ["14:00", end]] if rng.random() < 0.3 else [[start, end]]
    weekly = {d: day for d in WORKDAYS[:rng.choice([4, 5, 5, 5])]}
    if rng.random() < 0.15:
        weekly["fri"] = day + [["22:00", "02:00"]]
    if rng.random() < 0.2:
        weekly["sat"] = [["10:00", "13:00"]]
    doc = {"timezone": zone, "weekly": weekly}
    if country and rng.random() < 0.8:
        doc["holidays"] = {"country": country, "subdivision": None}
    if rng.random() < 0.3:
        first = datetime(2026, 1, 1) + timedelta(days=rng.randrange(700))
        doc["blackouts"] = [{"start": first.date().isoformat(),
                             "end": (first + timedelta(days=rng.randrange(14))).date().isoformat()}]
    return doc


def instant(rng: random.Random) -> datetime:
    """Any moment of 2026-2027, with seconds, in UTC."""
    return datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=rng.randrange(2 * 365 * 86400),
                                                                 microseconds=rng.randrange(1_000_000))


def main(calls: int = 50_000) -> dict:
    rng = random.Random(20260518)
    schedules = [parse_hours(schedule(rng)) for _ in range(200)]
    work = [(rng.choice(schedules), instant(rng)) for _ in range(calls)]

    cold_start = time.perf_counter()
    next_window(parse_hours({"timezone": "Europe/Berlin", "weekly": {"mon": [["09:00", "17:00"]]},
                             "holidays": {"country": "DE"}}), datetime(2031, 3, 30, tzinfo=timezone.utc))
    cold_ms = (time.perf_counter() - cold_start) * 1000
    for hours, at in work:  # warm the holiday and time-zone caches, as a running service has them
        next_window(hours, at)

    samples, clock = [], time.perf_counter_ns
    started = time.perf_counter()
    for hours, at in work:
        t0 = clock()
        try:
            next_window(hours, at)
        except TactfulError:
            pass
        samples.append((clock() - t0) / 1000)
    elapsed = time.perf_counter() - started
    samples.sort()
    median = statistics.median(samples)
    return {
        "calls": calls,
        "median_us": round(median, 2),
        "p99_us": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
        "calls_per_s": round(calls / elapsed),
        "inside_share": round(sum(is_inside(h, at) for h, at in work) / calls, 3),
        "cold_first_call_ms": round(cold_ms, 1),
        "target_median_us": TARGET_MEDIAN_US,
        "meets_target": median <= TARGET_MEDIAN_US,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)))
