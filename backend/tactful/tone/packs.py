"""Load rule packs (YAML), validate them against shared_rules/schema.json and merge team packs."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from ..errors import TactfulError
from .checks import CHECKS, Span
from .folding import fold
from .index import AnchorIndex, Units
from .patterns import CLAUSE_BREAKS, compile_units, stays_in_clause
from .phrases import compile_phrases, phrase_anchors, phrase_regex

CATEGORIES = ("rude", "sarcastic", "passive_aggressive", "emotional", "shouting", "informal", "urgency")
# Conflict cues (kind: conflict) name a topic; the last three are cues *against* a call.
CONFLICT_TOPICS = ("overdue_payment", "payment_dispute", "rejected_delivery", "complaint", "scope_dispute",
                   "missed_deadline", "missing_materials", "contract_end", "threat", "blame",
                   "call_proposed", "gratitude", "logistics")
LANGS = ("es", "pl", "en")
BUILTIN_DIR = Path(__file__).resolve().parents[3] / "shared_rules"


@dataclass(frozen=True, eq=False)
class Rule:
    """One compiled rule: what it matches, when it applies, and what it says."""

    id: str
    lang: str
    kind: str
    category: str
    severity: str
    message: str
    suggestions: tuple[str, ...]
    examples: dict
    source: str
    formality: frozenset[str] | None = None
    weight: float = 1.0
    on_folded: bool = True
    check: str | None = None
    params: dict = field(default_factory=dict)
    antipatterns: re.Pattern | None = None
    # What a phrase or pattern rule matches, as units: one regex per phrase or per top-level
    # alternative of the pattern, each with the anchor words one of which its matches contain.
    units: tuple[re.Pattern, ...] = ()
    anchors: tuple[frozenset | None, ...] = ()
    narrow: tuple[bool, ...] = ()  # per unit: matches stay inside one clause

    def spans(self, text: str, folded: str, units: Units | None = None) -> list[Span]:
        """Spans of text this rule matches, before context filters.

        `units` maps each phrase (or the pattern, unit 0) whose anchor words occur in the
        text to the windows where they do (see index.AnchorIndex); None searches everything.
        """
        if self.check:
            found = CHECKS[self.check](text, self.params)
        else:
            target = folded if self.on_folded else text
            units = units if units is not None else {i: [(0, len(target))] for i in range(len(self.units))}
            found = [m.span() for i, windows in units.items() for start, end in windows
                     for m in self.units[i].finditer(target, start, end) if m.end() > m.start()]
        if found and self.antipatterns is not None:
            found = [span for span in found if not self._excepted(folded, span)]
        return found

    def _excepted(self, folded: str, span: Span) -> bool:
        """Whether an antipattern overlaps the span (searched on its line only: phrases stay on one line)."""
        start = folded.rfind("\n", 0, span[0]) + 1
        end = folded.find("\n", span[1])
        for m in self.antipatterns.finditer(folded, start, len(folded) if end == -1 else end):
            if m.start() < span[1] and span[0] < m.end():
                return True
        return False

    def applies(self, formality: str) -> bool:
        """Whether the rule's `when` conditions hold for this client's formality."""
        return self.formality is None or formality in self.formality


@lru_cache(maxsize=1)
def schema() -> dict:
    """The rule-pack JSON Schema."""
    return json.loads((BUILTIN_DIR / "schema.json").read_text(encoding="utf-8"))


def _line_of(node: yaml.Node, path: list) -> int:
    """1-based line of the YAML node at a JSON-Schema error path."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
    return node.start_mark.line + 1


def _fail(path: Path, message: str, line: int | None = None, rule_id: str | None = None, fld: str | None = None):
    where = f"{path}:{line}" if line else str(path)
    who = f" rule {rule_id}" if rule_id else ""
    what = f" field '{fld}'" if fld else ""
    raise TactfulError("invalid_rule_pack", f"{where}:{who}{what}: {message}", field=fld, status=422)


def _read(path: Path) -> tuple[dict, yaml.Node]:
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        _fail(path, f"not valid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None)
    except (OSError, UnicodeDecodeError) as exc:
        _fail(path, f"cannot be read: {exc}")
    if node is None:
        _fail(path, "the file is empty")
    return data, node


def _validate(path: Path, data: dict, node: yaml.Node) -> None:
    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(data), key=lambda e: list(e.path))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    loc = list(err.absolute_path)
    rule_id = None
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rule = data["rules"][loc[1]]
        rule_id = rule.get("id") if isinstance(rule, dict) else None
        rule_id = rule_id or f"#{loc[1] + 1}"
    fld = ".".join(str(p) for p in loc[2:]) or (str(loc[-1]) if loc else None)
    _fail(path, err.message, _line_of(node, loc), rule_id, fld)


def _compile_rule(path: Path, lang: str, kind: str, raw: dict, line: int) -> Rule:
    rid = raw["id"]
    if not rid.startswith(lang + "."):
        _fail(path, f"id must start with the pack's language '{lang}.'", line, rid, "id")
    category = raw["category"]
    if rid.split(".")[1] != category:
        _fail(path, f"id's middle part must be the category '{category}'", line, rid, "id")
    if kind == "tone" and category not in CATEGORIES:
        _fail(path, f"unknown category '{category}'; one of {', '.join(CATEGORIES)}", line, rid, "category")
    if kind == "conflict" and category not in CONFLICT_TOPICS:
        _fail(path, f"unknown conflict topic '{category}'; one of {', '.join(CONFLICT_TOPICS)}", line, rid,
              "category")
    when = raw.get("when", {}).get("formality")
    units, anchors, narrow = (), (), ()
    try:
        if "phrases" in raw:
            units = tuple(re.compile(phrase_regex(p)) for p in raw["phrases"])
            anchors = tuple(phrase_anchors(p) for p in raw["phrases"])
            # Parentheses in a phrase are its own syntax, not text it matches.
            narrow = tuple(not any(c in CLAUSE_BREAKS for c in p.replace("(", "").replace(")", ""))
                           for p in raw["phrases"])
        if "pattern" in raw:
            if re.compile(raw["pattern"]).fullmatch(""):
                _fail(path, "matches the empty text", line, rid, "pattern")
            sensitive = raw.get("case_sensitive", False)
            units, anchors = compile_units(raw["pattern"], 0 if sensitive else re.IGNORECASE)
            narrow = tuple(stays_in_clause(u.pattern, u.flags) for u in units)
        anti = compile_phrases(raw["antipatterns"]) if raw.get("antipatterns") else None
    except (re.error, ValueError) as exc:
        _fail(path, f"does not compile: {exc}", line, rid, "pattern" if "pattern" in raw else "phrases")
    return Rule(
        id=rid, lang=lang, kind=kind, category=category, severity=raw["severity"],
        message=raw["message"], suggestions=tuple(raw.get("suggestions", [])), examples=raw["examples"],
        source=f"{path}:{line}", formality=frozenset([when] if isinstance(when, str) else when) if when else None,
        weight=float(raw.get("weight", 1.0)),
        on_folded=not raw.get("case_sensitive", False),
        check=raw.get("check"), params=raw.get("params", {}), antipatterns=anti,
        units=units, anchors=anchors, narrow=narrow,
    )


def load_pack(path: Path) -> tuple[str, str, list[Rule], list[str]]:
    """Load one pack: its language, kind, compiled rules and the ids it disables."""
    data, node = _read(path)
    if not isinstance(data, dict):
        _fail(path, "a rule pack must be a mapping with lang, kind and rules", 1)
    _validate(path, data, node)
    lang, kind = data["lang"], data["kind"]
    rules, disabled, seen = [], [], set()
    for i, raw in enumerate(data["rules"]):
        line = _line_of(node, ["rules", i])
        if raw["id"] in seen:
            _fail(path, "duplicate id in this pack", line, raw["id"], "id")
        seen.add(raw["id"])
        if raw.get("disabled"):
            disabled.append(raw["id"])
        else:
            rules.append(_compile_rule(path, lang, kind, raw, line))
    return lang, kind, rules, disabled


def pack_files(folder: Path) -> list[Path]:
    """The YAML packs under a folder, in a stable order."""
    if not folder.is_dir():
        raise TactfulError("invalid_rules_dir", f"{folder}: not a folder of rule packs", field="TACTFUL_RULES")
    return sorted(p for p in folder.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))


class RuleSet:
    """All active rules, indexed by kind and language."""

    def __init__(self, rules: tuple[Rule, ...] | list[Rule]):
        self.rules = tuple(rules)
        self._index: dict[tuple[str, str], tuple[Rule, ...]] = {}
        for rule in self.rules:
            key = (rule.kind, rule.lang)
            self._index[key] = self._index.get(key, ()) + (rule,)
        self._anchors = {key: AnchorIndex(rules) for key, rules in self._index.items()}

    def for_lang(self, lang: str, kind: str = "tone") -> tuple[Rule, ...]:
        """Rules of one kind for one language."""
        return self._index.get((kind, lang), ())

    def anchor_index(self, lang: str, kind: str = "tone") -> AnchorIndex:
        """The anchor-word pre-filter for one kind and language."""
        return self._anchors.get((kind, lang)) or AnchorIndex(())

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, if active."""
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rules(*folders: Path) -> RuleSet:
    """Load the packs of each folder in turn; later folders replace or disable earlier rules."""
    merged: dict[str, Rule] = {}
    for folder in folders:
        for path in pack_files(folder):
            _lang, _kind, rules, disabled = load_pack(path)
            for rule in rules:
                merged[rule.id] = rule
            for rid in disabled:
                merged.pop(rid, None)
    return RuleSet(tuple(merged.values()))


def rule_folders(extra: str | None = None) -> list[Path]:
    """The built-in folder, then each folder named in TACTFUL_RULES (path-separator list)."""
    extra = os.environ.get("TACTFUL_RULES", "") if extra is None else extra
    return [BUILTIN_DIR] + [Path(p) for p in extra.split(os.pathsep) if p]


@lru_cache(maxsize=8)
def _cached(folders: tuple[Path, ...]) -> RuleSet:
    return load_rules(*folders)


def default_rules() -> RuleSet:
    """The built-in packs merged with the team's (cached per set of folders)."""
    return _cached(tuple(rule_folders()))


__all__ = ["CATEGORIES", "LANGS", "Rule", "RuleSet", "load_rules", "load_pack", "default_rules", "fold"]
