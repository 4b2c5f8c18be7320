"""Helpers shared by the benchmarks: where the eval data is, timing statistics."""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TACTFUL_SHARED") or ROOT.parent / "shared")
EVAL = SHARED / "eval"


def drafts() -> list[dict]:
    """The labelled drafts of shared/eval (measured, never copied into the repo)."""
    path = EVAL / "dev_drafts.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentiles(samples_ms: list[float]) -> dict:
    """p50 and p99 of a list of milliseconds, rounded for printing."""
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {"p50_ms": round(statistics.median(ordered), 3), "p99_ms": round(p99, 3), "n": len(ordered)}


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0
