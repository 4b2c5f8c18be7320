"""Which phrases and patterns could match a draft, and where: the anchor-word index.

Running every phrase and pattern regex over every draft is too slow. Each phrase
or pattern has anchor words (or prefixes) one of which any match must contain, so
only those whose anchors occur in the draft are run, and only on the lines that
hold them (matches never cross a line break), or only on the clauses that hold
them when a phrase or pattern cannot match sentence or clause punctuation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

Window = tuple[int, int]
Units = dict[int, list[Window]]  # unit (phrase position, or 0 for a pattern) → windows

_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[.!?;:…¡¿()\"«»„“”\n]")


class Lines:
    """Word positions and line spans of one folded text."""

    def __init__(self, folded: str):
        self.text = folded
        self.length = len(folded)
        self.breaks = [m.start() for m in re.finditer("\n", folded)]
        self.clause_breaks = [m.start() for m in _CLAUSE_BREAK.finditer(folded)]
        self.words: dict[str, list[int]] = defaultdict(list)
        for match in _WORD.finditer(folded):
            self.words[match.group()].append(match.start())

    def line(self, pos: int) -> Window:
        """The line holding pos, with the line break before it (for patterns that start at one)."""
        return self._between(self.breaks, pos)

    def clause(self, pos: int) -> Window:
        """The clause holding pos, between sentence or clause punctuation."""
        return self._between(self.clause_breaks, pos)

    def _between(self, breaks: list[int], pos: int) -> Window:
        i = bisect_right(breaks, pos)
        start = breaks[i - 1] if i else 0
        end = breaks[i] + 1 if i < len(breaks) else self.length
        return start, end

    def positions(self, part: str) -> list[int]:
        """Where a literal occurs anywhere in the text."""
        found, pos = [], self.text.find(part)
        while pos != -1:
            found.append(pos)
            pos = self.text.find(part, pos + 1)
        return found

    def windows(self, words: set[str], parts: set[str] = frozenset(), narrow: bool = False) -> list[Window]:
        """The merged lines (or clauses, when narrow) where any of the words or literal parts occurs."""
        positions = [pos for word in words for pos in self.words[word]]
        positions += [pos for part in parts for pos in self.positions(part)]
        around = self.clause if narrow else self.line
        spans = sorted({around(pos) for pos in positions})
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(s, e) for s, e in merged]


class AnchorIndex:
    """Anchor words of every phrase and pattern of a set of rules, for fast lookup."""

    def __init__(self, rules):
        self._exact: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._prefix: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        self._parts: list[tuple[str, int, int]] = []
        self._always: list[tuple[int, int]] = []
        self._narrow = {(r, unit) for r, rule in enumerate(rules) for unit, narrow in enumerate(rule.narrow) if narrow}
        for r, rule in enumerate(rules):
            for unit, anchors in enumerate(rule.anchors):
                if anchors is None:
                    self._always.append((r, unit))
                for literal, mode in anchors or ():
                    if mode == "word":
                        self._exact[literal].append((r, unit))
                    elif mode == "prefix":
                        self._prefix[literal[:3]].append((literal, r, unit))
                    else:
                        self._parts.append((literal, r, unit))
        self._prefix_lengths = sorted({len(key) for key in self._prefix})
        self._memo: dict[str, tuple[tuple[int, int], ...]] = {}

    def _units_of(self, word: str) -> tuple[tuple[int, int], ...]:
        """The units a word anchors (memoised: most words recur from draft to draft)."""
        found = self._memo.get(word)
        if found is None:
            found = list(self._exact.get(word, ()))
            for n in self._prefix_lengths:
                if len(word) >= n:
                    found += [(r, unit) for prefix, r, unit in self._prefix.get(word[:n], ()) if word.startswith(prefix)]
            found = tuple(found)
            if len(self._memo) < 100_000:
                self._memo[word] = found
        return found

    def candidates(self, lines: Lines) -> dict[int, Units]:
        """Rule position → the units that could match, each with the windows to search."""
        hits: dict[tuple[int, int], set[str]] = defaultdict(set)
        for word in lines.words:
            for key in self._units_of(word):
                hits[key].add(word)
        parts: dict[tuple[int, int], set[str]] = defaultdict(set)
        for literal, r, unit in self._parts:
            if literal in lines.text:
                parts[(r, unit)].add(literal)
        found: dict[int, Units] = defaultdict(dict)
        everywhere = [(0, lines.length)]
        for r, unit in self._always:
            found[r][unit] = everywhere
        for key in hits.keys() | parts.keys():
            r, unit = key
            found[r][unit] = lines.windows(hits.get(key, set()), parts.get(key, set()), key in self._narrow)
        return found
