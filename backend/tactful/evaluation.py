"""Score the tone engine against labelled drafts (the format of shared/eval/dev_drafts.jsonl)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TactfulError
from .tone.engine import analyze
from .tone.packs import CATEGORIES, RuleSet

FLAGGING = {"warning", "error"}  # info findings are hints: they do not count as flagging a draft


@dataclass
class Row:
    """One labelled draft and what the engine said about it."""

    id: str
    lang: str
    text: str
    labels: frozenset[str]
    found: frozenset[str] = frozenset()
    findings: list = field(default_factory=list)

    @property
    def tone_labels(self) -> frozenset[str]:
        return self.labels & set(CATEGORIES)

    @property
    def flagged(self) -> bool:
        return bool(self.found)


def read_rows(path: Path) -> list[Row]:
    """Labelled drafts from a JSON-lines file; a bad line is reported by number and field."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TactfulError("malformed_json", f"{path}:{number}: not valid JSON ({exc.msg})") from None
        for key in ("text", "labels"):
            if key not in data:
                raise TactfulError("missing_field", f"{path}:{number}: missing '{key}'", field=key)
        rows.append(Row(str(data.get("id", number)), data.get("lang", "?"), data["text"], frozenset(data["labels"])))
    return rows


def run(rows: list[Row], ruleset: RuleSet | None = None) -> list[Row]:
    """Analyse every row (language detected, as the extension does) and record the categories found."""
    for row in rows:
        result = analyze(row.text, ruleset=ruleset)
        row.findings = [f for f in result.findings if f.severity in FLAGGING]
        row.found = frozenset(f.category for f in row.findings)
    return rows


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def score(rows: list[Row]) -> dict:
    """Per-language draft-level and per-category precision and recall."""
    by_lang: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_lang[row.lang].append(row)
    report = {}
    for lang, group in sorted(by_lang.items()):
        labelled = [r for r in group if r.tone_labels]
        flagged = [r for r in group if r.flagged]
        ok = [r for r in group if r.labels == {"ok"}]
        cats = {}
        for cat in CATEGORIES:
            gold = [r for r in group if cat in r.labels]
            pred = [r for r in group if cat in r.found]
            both = [r for r in gold if cat in r.found]
            cats[cat] = {"labelled": len(gold), "flagged": len(pred),
                         "recall": _ratio(len(both), len(gold)), "precision": _ratio(len(both), len(pred))}
        report[lang] = {
            "drafts": len(group),
            "recall": _ratio(sum(r.flagged for r in labelled), len(labelled)),
            "precision": _ratio(sum(bool(r.tone_labels) for r in flagged), len(flagged)),
            "ok_flagged": _ratio(sum(r.flagged for r in ok), len(ok)),
            "categories": cats,
        }
    return report


def mistakes(rows: list[Row]) -> list[dict]:
    """Drafts where the categories found differ from the labelled ones."""
    wrong = []
    for row in rows:
        missed = sorted(row.tone_labels - row.found)
        extra = sorted(row.found - row.tone_labels)
        if missed or extra:
            wrong.append({"id": row.id, "lang": row.lang, "missed": missed, "extra": extra,
                          "findings": [f"{f.rule} {f.excerpt!r}" for f in row.findings if f.category in extra],
                          "text": row.text})
    return wrong
