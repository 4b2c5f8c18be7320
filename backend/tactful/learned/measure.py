"""`tactful model eval`: what the rules, the learned pass and both find in labelled drafts."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..evaluation import read_rows, run
from ..tone.packs import CATEGORIES


def _learned(finding: dict) -> bool:
    return finding["rule"].endswith(".learned")


def measure(paths: list[Path]) -> dict:
    """Per language: drafts, ok drafts flagged and per-category recall for rules, learned, both; both's precision."""
    rows = [row for path in paths for row in read_rows(path)]
    run(rows)
    by_lang: dict[str, list] = defaultdict(list)
    for row in rows:
        if row.tone_labelled:
            by_lang[row.lang].append(row)
    return {lang: _report(group) for lang, group in sorted(by_lang.items())}


def _found(row, which: str) -> set[str]:
    keep = {"rules": lambda f: not _learned(f), "learned": _learned, "both": lambda f: True}[which]
    return {f["category"] for f in row.findings if keep(f)}


def _report(group: list) -> dict:
    ok = [r for r in group if r.labels - {"suggest_call"} == {"ok"}]
    report = {"drafts": len(group), "ok_drafts": len(ok),
              "ok_flagged": {w: _share(sum(bool(_found(r, w)) for r in ok), len(ok)) for w in ("rules", "learned", "both")},
              "categories": {}}
    for cat in CATEGORIES:
        gold = [r for r in group if cat in r.labels]
        flagged = [r for r in group if cat in _found(r, "both")]
        report["categories"][cat] = {
            "labelled": len(gold),
            **{f"recall_{w}": _share(sum(cat in _found(r, w) for r in gold), len(gold)) for w in ("rules", "learned", "both")},
            "precision_both": _share(sum(cat in r.labels for r in flagged), len(flagged)),
        }
    return report


def _share(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def table(report: dict) -> str:
    """The report as a plain table."""
    pct = lambda v: "   -" if v is None else f"{v:4.2f}"  # noqa: E731
    lines = ["lang  category            labelled  rules  learned  both  precision(both)"]
    for lang, r in report.items():
        for cat, c in r["categories"].items():
            lines.append(f"{lang:<5} {cat:<19} {c['labelled']:>8}  {pct(c['recall_rules'])}  {pct(c['recall_learned']):>7}"
                         f"  {pct(c['recall_both'])}  {pct(c['precision_both']):>15}")
        flagged = r["ok_flagged"]
        lines.append(f"{lang:<5} {'ok drafts flagged':<19} {r['ok_drafts']:>8}  {pct(flagged['rules'])}  "
                     f"{pct(flagged['learned']):>7}  {pct(flagged['both'])}")
    return "\n".join(lines)
