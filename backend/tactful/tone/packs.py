"""Rule packs as the engine uses them: load (through the compile cache), merge team packs, index.

packcompile.py reads, validates and compiles one YAML pack; packcache.py keeps what it
compiled, keyed by the pack's content, so later starts skip YAML and the regex parser.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import TactfulError
from . import packcache
from .categories import CATEGORIES, CONFLICT_TOPICS, LANGS
from .checks import CHECKS, Span
from .folding import fold
from .index import AnchorIndex, Units
from .lazy import LazyPattern
from .replacements import Rewriter, for_span

# The built-in packs ship inside the package: tactful/shared_rules links to the repository's shared_rules/.
BUILTIN_DIR = Path(__file__).resolve().parents[1] / "shared_rules"


@dataclass(frozen=True, eq=False)
class Rule:
    """One compiled rule: what it matches, when it applies, and what it says."""

    id: str
    lang: str
    kind: str
    category: str
    severity: str
    message: str
    suggestions: tuple[str, ...]  # replacements for the span, as written in the pack
    examples: dict
    source: str
    advice: tuple[str, ...] = ()  # guidance shown with a finding, never inserted
    fix: str | None = None  # a built-in correction of the span itself (replacements.FIXES)
    rewrite: dict = field(default_factory=dict)  # folded-span regex → its corrected form
    formality: frozenset[str] | None = None
    weight: float = 1.0
    on_folded: bool = True
    check: str | None = None
    params: dict = field(default_factory=dict)
    antipatterns: LazyPattern | None = None
    # What a phrase or pattern rule matches, as units: one regex per phrase or per top-level
    # alternative of the pattern, each with the anchor words one of which its matches contain.
    units: tuple[LazyPattern, ...] = ()
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

    def replacements(self, text: str, start: int, end: int) -> tuple[str, ...]:
        """The finding's suggestions for text[start:end]: the fixed span, then each one, cased to fit in place."""
        return for_span(text, start, end, self.lang, self.suggestions, self.fix, self.params, self._rewriter)

    @cached_property
    def _rewriter(self) -> Rewriter | None:
        """The rewrite table compiled on first use (most rules have none; most drafts use few)."""
        return Rewriter(self.rewrite) if self.rewrite else None

    def applies(self, formality: str) -> bool:
        """Whether the rule's `when` conditions hold for this client's formality."""
        return self.formality is None or formality in self.formality


def _rule(spec: dict) -> Rule:
    """A Rule from its compiled spec; its regexes compile on first use."""
    formality = spec["formality"]
    anti = spec["antipatterns"]
    return Rule(
        id=spec["id"], lang=spec["lang"], kind=spec["kind"], category=spec["category"],
        severity=spec["severity"], message=spec["message"], suggestions=tuple(spec["suggestions"]),
        examples=spec["examples"], source=spec["source"], advice=tuple(spec["advice"]), fix=spec["fix"],
        rewrite=spec["rewrite"],
        formality=frozenset(formality) if formality else None, weight=spec["weight"],
        on_folded=spec["on_folded"], check=spec["check"], params=spec["params"],
        antipatterns=LazyPattern(anti) if anti is not None else None,
        units=tuple(LazyPattern(source, flags) for source, flags in spec["units"]),
        anchors=tuple(spec["anchors"]), narrow=tuple(spec["narrow"]),
    )


def _compiled(path: Path) -> dict:
    """A pack's compiled data: from the cache when this exact file was compiled before, else compiled now."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise TactfulError("invalid_rule_pack", f"{path}: cannot be read: {exc.strerror or exc}",
                           status=422) from None
    name = packcache.key(path, content)
    entry = packcache.load(name)
    if entry is None:
        from .packcompile import compile_pack  # YAML, JSON Schema and the regex parser only when needed

        entry = compile_pack(path, content)
        packcache.store(name, entry)
    return entry


def load_pack(path: Path) -> tuple[str, str, list[Rule], list[str]]:
    """Load one pack: its language, kind, compiled rules and the ids it disables."""
    entry = _compiled(path)
    return entry["lang"], entry["kind"], [_rule(spec) for spec in entry["rules"]], list(entry["disabled"])


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

    def compile_all(self) -> None:
        """Compile every lazily held regex now (the service's warm-up), not on a user's first drafts."""
        for rule in self.rules:
            for unit in rule.units:
                unit.compiled()
            if rule.antipatterns is not None:
                rule.antipatterns.compiled()

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


__all__ = ["CATEGORIES", "CONFLICT_TOPICS", "LANGS", "Rule", "RuleSet", "load_rules", "load_pack", "default_rules", "fold"]
