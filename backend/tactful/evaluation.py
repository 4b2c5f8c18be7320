"""Score the tone engine and the call decision against labelled drafts and threads.

Two formats (shared/eval): drafts `{id, lang, text, labels}` where `suggest_call` is one
of the labels, and threads `{id, lang, incoming, draft, messages_in_thread, suggest_call}`.
Thread rows carry no tone labels, so they count for `suggest_call` only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .conflict.score import decide
from .conflict.signals import collect
from .errors import TactfulError
from .tone.engine import analyze
from .tone.packs import CATEGORIES, RuleSet, default_rules

CALL = "suggest_call"

FLAGGING = {"warning", "error"}  # info findings are hints: they do not count as flagging a draft


@dataclass
class Row:
    """One labelled draft and what the engine said about it."""

    id: str
    lang: str
    text: str
    labels: frozenset[str]
    incoming: str = ""
    messages: int = 0
    tone_labelled: bool = True
    found: frozenset[str] = frozenset()
    findings: list = field(default_factory=list)

    @property
    def tone_labels(self) -> frozenset[str]:
        return self.labels & set(CATEGORIES)

    @property
    def flagged(self) -> bool:
        return bool(self.found - {CALL})


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
        rows.append(_row(data, path, number))
    return rows


def _require(data: dict, keys: tuple[str, ...], path: Path, number: int) -> None:
    for key in keys:
        if key not in data:
            raise TactfulError("missing_field", f"{path}:{number}: missing '{key}'", field=key)


def _row(data: object, path: Path, number: int) -> Row:
    """A draft row (text + labels) or a thread row (draft + incoming + suggest_call)."""
    if not isinstance(data, dict):
        raise TactfulError("invalid_body", f"{path}:{number}: each line must be a JSON object")
    ident, lang = str(data.get("id", number)), data.get("lang", "?")
    if "draft" in data:
        _require(data, ("draft", CALL), path, number)
        labels = frozenset({CALL}) if data[CALL] is True else frozenset()
        return Row(ident, lang, data["draft"], labels, data.get("incoming") or "",
                   int(data.get("messages_in_thread") or 0), tone_labelled=False)
    _require(data, ("text", "labels"), path, number)
    return Row(ident, lang, data["text"], frozenset(data["labels"]))


def run(rows: list[Row], ruleset: RuleSet | None = None) -> list[Row]:
    """Analyse every row (language detected, as the extension does): categories found and the call decision."""
    ruleset = ruleset or default_rules()
    for row in rows:
        result = analyze(row.text, ruleset=ruleset)
        row.findings = [f for f in result.findings if f.severity in FLAGGING]
        call = decide(collect(row.text, result, row.incoming, row.messages, ruleset)).suggested
        row.found = frozenset(f.category for f in row.findings) | ({CALL} if call else frozenset())
    return rows


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def score(rows: list[Row]) -> dict:
    """Per-language draft-level and per-category precision and recall."""
    by_lang: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_lang[row.lang].append(row)
    return {lang: _lang_report(group) for lang, group in sorted(by_lang.items())}


def _category(group: list[Row], cat: str) -> dict:
    gold = [r for r in group if cat in r.labels]
    pred = [r for r in group if cat in r.found]
    both = [r for r in gold if cat in r.found]
    return {"labelled": len(gold), "flagged": len(pred),
            "recall": _ratio(len(both), len(gold)), "precision": _ratio(len(both), len(pred))}


def _lang_report(group: list[Row]) -> dict:
    """Draft-level tone scores (tone-labelled rows only), per category, and suggest_call over every row."""
    toned = [r for r in group if r.tone_labelled]
    labelled = [r for r in toned if r.tone_labels]
    flagged = [r for r in toned if r.flagged]
    ok = [r for r in toned if r.labels == {"ok"}]
    return {
        "drafts": len(group),
        "recall": _ratio(sum(r.flagged for r in labelled), len(labelled)),
        "precision": _ratio(sum(bool(r.tone_labels) for r in flagged), len(flagged)),
        "ok_flagged": _ratio(sum(r.flagged for r in ok), len(ok)),
        "categories": {cat: _category(toned, cat) for cat in CATEGORIES},
        CALL: _category(group, CALL),
    }


def mistakes(rows: list[Row]) -> list[dict]:
    """Drafts where the categories found differ from the labelled ones."""
    wrong = []
    for row in rows:
        gold = (row.tone_labels if row.tone_labelled else frozenset()) | (row.labels & {CALL})
        seen = row.found if row.tone_labelled else row.found & {CALL}
        missed, extra = sorted(gold - seen), sorted(seen - gold)
        if missed or extra:
            wrong.append({"id": row.id, "lang": row.lang, "missed": missed, "extra": extra,
                          "findings": [f"{f.rule} {f.excerpt!r}" for f in row.findings if f.category in extra],
                          "text": row.text})
    return wrong
