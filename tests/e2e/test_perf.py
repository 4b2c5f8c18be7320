"""The extension's demo-page metrics are collected and consistent while a draft is typed (figures: bench/extension.py)."""

from __future__ import annotations

import json

from harness import LONG_DRAFT, SCREENSHOTS, measure_typing, metrics

# A short but representative run: ~300 characters typed continuously, then three pauses. The timing targets
# (≤ 2 ms per keystroke, ≤ 120 requests a minute, ≤ 300 ms to underlines) are checked by the benchmark only.
DRAFT = LONG_DRAFT[:300]


def test_typing_metrics_are_collected_and_consistent(page, service):
    """Every keystroke is timed, requests are counted and rate-limited, each pause ends in a render; prints JSON."""
    figures = measure_typing(page, service, draft=DRAFT, delay_ms=30, pauses=3)
    print(json.dumps({"extension_perf_smoke": figures}))
    (SCREENSHOTS / "perf.json").write_text(json.dumps(figures, indent=2))
    assert figures["keystrokes"] == len(DRAFT)
    assert figures["handler_ms_p95"] is not None and 0 <= figures["handler_ms_p95"] < 1000
    assert 1 <= figures["requests_while_typing"] < figures["keystrokes"]
    assert figures["pauses"] == 3 and all(ms > 0 for ms in figures["pause_to_underlines_ms"])
    assert figures["renders"] >= figures["pauses"]
    raw = metrics(page)
    assert raw["requests"] == len(raw["requestTimes"]) >= figures["requests_while_typing"] + figures["pauses"]
    assert len(raw["handlerMs"]) == min(raw["keystrokes"], 500)
    assert [r["at"] for r in raw["renders"]] == sorted(r["at"] for r in raw["renders"])
