"""Score the tone engine and the call decision against labelled drafts and threads.

Two shapes of row. Drafts: `{id, lang, text, labels}`, where the call is either one of the
labels (`suggest_call`, as in shared/eval) or a `call` field (`recommend`, `no`, or `either`,
which is not scored, as in eval/heldout). Threads: `{id, lang, incoming, draft,
messages_in_thread}` with `suggest_call` (true/false) or `call`; a thread row with `labels`
counts for tone too, one without counts for the call only. Drafts are analysed as
`/v1/analyze` analyses them, so the figures are what a user gets.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import analyze_request
from .errors import TactfulError
from .schemas import AnalyzeRequest, Thread
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
    call_scored: bool = True
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


_CALLS = {"recommend": True, "no": False, "either": None}


def _call(data: dict, path: Path, number: int) -> bool | None:
    """Whether the row says a call should be recommended; None when it is not scored."""
    if "call" in data:
        if data["call"] not in _CALLS:
            raise TactfulError("invalid_field", f"{path}:{number}: 'call' must be one of {', '.join(_CALLS)}",
                               field="call")
        return _CALLS[data["call"]]
    if CALL in data:
        return data[CALL] is True
    return CALL in data.get("labels", ())


def _row(data: object, path: Path, number: int) -> Row:
    """A draft row (text + labels) or a thread row (draft + incoming + the call)."""
    if not isinstance(data, dict):
        raise TactfulError("invalid_body", f"{path}:{number}: each line must be a JSON object")
    ident, lang = str(data.get("id", number)), data.get("lang", "?")
    if "draft" in data:
        if CALL not in data and "call" not in data:
            raise TactfulError("missing_field", f"{path}:{number}: missing '{CALL}' or 'call'", field=CALL)
        text, incoming, messages = data["draft"], data.get("incoming") or "", int(data.get("messages_in_thread") or 0)
    else:
        _require(data, ("text", "labels"), path, number)
        text, incoming, messages = data["text"], "", 0
    call = _call(data, path, number)
    labels = frozenset(data.get("labels", ())) - {CALL} | ({CALL} if call else frozenset())
    return Row(ident, lang, text, labels, incoming, messages, tone_labelled="labels" in data,
               call_scored=call is not None)


def run(rows: list[Row], ruleset: RuleSet | None = None, learned: str = "wait") -> list[Row]:
    """Analyse every row as /v1/analyze does (language detected, as the extension sends it)."""
    ruleset = ruleset or default_rules()
    for row in rows:
        thread = Thread(messages=row.messages, incoming=row.incoming) if row.incoming or row.messages else None
        request = AnalyzeRequest(text=row.text, thread=thread, learned=learned)
        response = analyze_request(request, ruleset=ruleset)
        row.findings = [f for f in response["findings"] if f["severity"] in FLAGGING]
        call = response["suggest_call"]
        recommended = call["suggested"] and call.get("strength", "recommend") == "recommend"
        row.found = frozenset(f["category"] for f in row.findings) | ({CALL} if recommended else frozenset())
    return rows


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def score(rows: list[Row]) -> dict:
    """Per-language draft-level and per-category precision and recall."""
    by_lang: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_lang[row.lang].append(row)
    return {lang: _lang_report(group) for lang, group in sorted(by_lang.items())}


def _share(rows: list[Row], cat: str) -> dict:
    return {"drafts": len(rows), "share": _ratio(sum(cat in r.found for r in rows), len(rows))}


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
    ok = [r for r in toned if r.labels - {CALL} == {"ok"}]
    return {
        "drafts": len(group),
        "recall": _ratio(sum(r.flagged for r in labelled), len(labelled)),
        "precision": _ratio(sum(bool(r.tone_labels) for r in flagged), len(flagged)),
        "ok_flagged": _ratio(sum(r.flagged for r in ok), len(ok)),
        "categories": {cat: _category(toned, cat) for cat in CATEGORIES},
        CALL: _category([r for r in group if r.call_scored], CALL),
        # The call decision on the two kinds of draft whose tone is fine: calm conflicts should be
        # recommended a call, polite drafts (declines, offers, boundaries included) should not.
        "call_on_calm_conflicts": _share([r for r in ok if CALL in r.labels and r.call_scored], CALL),
        "call_on_polite": _share([r for r in ok if CALL not in r.labels and r.call_scored], CALL),
    }


def mistakes(rows: list[Row]) -> list[dict]:
    """Drafts where the categories found differ from the labelled ones."""
    wrong = []
    for row in rows:
        scored = {CALL} if row.call_scored else set()
        gold = (row.tone_labels if row.tone_labelled else frozenset()) | (row.labels & scored)
        seen = (row.found if row.tone_labelled else row.found & {CALL}) - ({CALL} - scored)
        missed, extra = sorted(gold - seen), sorted(seen - gold)
        if missed or extra:
            wrong.append({"id": row.id, "lang": row.lang, "missed": missed, "extra": extra,
                          "findings": [f"{f['rule']} {f['excerpt']!r}" for f in row.findings
                                       if f["category"] in extra],
                          "text": row.text})
    return wrong
