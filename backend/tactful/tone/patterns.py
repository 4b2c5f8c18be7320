"""Anchor words for `pattern` rules, read from the regex itself.

A pattern can only match where one of the words it requires occurs. The regex is
parsed, and at each point of a sequence that starts a word (after \\b, a space or
\\s+) the words a match must start with are collected; alternatives contribute
the union of their own requirements, and the most selective point is kept. When
no such set can be found the pattern runs on every draft, as before.
"""

from __future__ import annotations

import re

try:  # the regex parser is private; if it moves, patterns just run unanchored
    from re import _constants as C
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    sre_parse = None

from .folding import fold
from .phrases import Anchor

Anchors = frozenset[Anchor]
_MIN = 2  # a one-letter prefix selects nothing (a one-letter word does)
_PART = 3  # shortest literal worth looking for anywhere in the text


class _TooComplex(Exception):
    """The analysis budget ran out: give up and run the pattern always."""


def _word_break(item) -> bool:
    """Whether a regex item ends at a word start: \\b, a space, \\s+ or a group ending in one."""
    op, av = item
    if op is C.AT:
        return av in (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_LINE, C.AT_BEGINNING_STRING)
    if op is C.LITERAL:
        return chr(av).isspace()
    if op is C.BRANCH:
        return all(list(alt) and _word_break(list(alt)[-1]) for alt in av[1])
    if op is C.IN:
        return (C.CATEGORY, C.CATEGORY_SPACE) in av
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        items = list(av[2])
        return bool(items) and _word_break(items[-1])
    if op is C.SUBPATTERN:
        items = list(av[-1])
        return bool(items) and _word_break(items[-1])
    return False


def _excludes_word_chars(av) -> bool:
    """A lookbehind like (?<!\\w) or (?<![\\w-]): the match starts at a word start."""
    direction, sub = av
    items = list(sub)
    return direction == -1 and len(items) == 1 and items[0][0] is C.IN and (C.CATEGORY, C.CATEGORY_WORD) in items[0][1]


def _better(best: Anchors | None, new: Anchors | None) -> Anchors | None:
    if not new:
        return best
    if best is None or min(len(a) for a, _ in new) >= min(len(a) for a, _ in best):
        return new
    return best


def _ends_word(item) -> bool:
    """\b or a lookahead that refuses a word character: what precedes ends a word."""
    op, av = item
    if op is C.AT:
        return av is C.AT_BOUNDARY
    if op is C.ASSERT_NOT and av[0] == 1:
        items = list(av[1])
        return bool(items) and items[0][0] is C.IN and (C.CATEGORY, C.CATEGORY_WORD) in items[0][1]
    return False


def _literal(run: str, ends_word: bool = False) -> Anchors | None:
    """A literal at a word start: its leading word (or prefix), else the literal itself as a part."""
    lead = re.match(r"\w+", run)
    # letters then a non-letter, or then the end of a word: the whole word
    whole_word = lead is not None and (lead.end() < len(run) or ends_word)
    if lead and (whole_word or len(lead.group()) >= _MIN):
        return frozenset([(fold(lead.group()), "word" if whole_word else "prefix")])
    return frozenset([(fold(run), "part")]) if len(run.strip()) >= _PART else None


def _inside_word(item) -> bool:
    r"""\w* or \w+ : what follows may start mid-word."""
    op, av = item
    return op in (C.MAX_REPEAT, C.MIN_REPEAT) and [(x[0], x[1]) for x in av[2]] == [(C.IN, [(C.CATEGORY, C.CATEGORY_WORD)])]


def _as_parts(anchors: Anchors | None) -> Anchors | None:
    """The same literals, required anywhere rather than at a word start."""
    return None if anchors is None else frozenset((text, "part") for text, _mode in anchors)


def _union(parts: list[Anchors | None]) -> Anchors | None:
    return None if any(p is None for p in parts) else frozenset().union(*parts)


def _at(seq: list, budget: list[int]) -> Anchors | None:
    """Words a match must start with, when it starts at a word start at seq[0].

    Alternatives are judged on their own (not with what follows them), which keeps
    the analysis linear; an alternative without anchors makes the point fail and
    a later point of the enclosing sequence is tried instead.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooComplex
    run = ""
    for k, (op, av) in enumerate(seq):
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            return _literal(run, _ends_word((op, av)))
        rest = seq[k + 1:]
        if _inside_word((op, av)):
            return _as_parts(_at(rest, budget))
        if op is C.SUBPATTERN:
            return _at(list(av[-1]) + rest, budget)
        if op is C.BRANCH:
            return _union([_required(list(branch), True, budget) for branch in av[1]])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, _high, sub = av
            inner = _required(list(sub), True, budget)
            return inner if low > 0 or inner is None else _union([inner, _at(rest, budget)])
        return None
    return _literal(run) if run else None


def _required(items: list, bounded: bool, budget: list[int]) -> Anchors | None:
    """The most selective set of words one of which any match of the sequence contains."""
    start = 0
    while start < len(items) and items[start][0] in (C.AT, C.ASSERT_NOT):
        op, av = items[start]
        bounded |= (op is C.AT and av is C.AT_BOUNDARY) or (op is C.ASSERT_NOT and _excludes_word_chars(av))
        start += 1
    if len(items) - start == 1 and items[start][0] is C.BRANCH:
        return _union([_required(list(branch), bounded, budget) for branch in items[start][1][1]])
    points = ([start] if bounded else []) + [k + 1 for k in range(start, len(items) - 1) if _word_break(items[k])]
    best = None
    for point in points:
        best = _better(best, _at(items[point:], budget))
    return best


CLAUSE_BREAKS = ".!?;:…¡¿()\"«»„“”\n"
_SAFE_CATEGORIES = {C.CATEGORY_WORD, C.CATEGORY_SPACE, C.CATEGORY_DIGIT} if sre_parse else set()


def _stays_in_clause(items) -> bool:
    """Whether every character the regex can match is a word character, a space or harmless punctuation."""
    for op, av in items:
        if op is C.LITERAL and chr(av) in CLAUSE_BREAKS:
            return False
        if op in (C.ANY, C.NOT_LITERAL):
            return False
        if op is C.IN and any(kind is C.NEGATE or (kind is C.CATEGORY and arg not in _SAFE_CATEGORIES)
                              or (kind is C.LITERAL and chr(arg) in CLAUSE_BREAKS) or kind is C.RANGE
                              for kind, arg in av):
            return False
        if op is C.SUBPATTERN and not _stays_in_clause(av[-1]):
            return False
        if op is C.BRANCH and not all(_stays_in_clause(b) for b in av[1]):
            return False
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and not _stays_in_clause(av[2]):
            return False
        if op in (C.ASSERT, C.ASSERT_NOT) and not _stays_in_clause(av[1]):
            return False
    return True


def stays_in_clause(pattern: str, flags: int = 0) -> bool:
    """Whether no match of the pattern can span a sentence or clause break (so it may be searched per clause)."""
    try:
        return sre_parse is not None and _stays_in_clause(sre_parse.parse(pattern, flags))
    except (re.error, TypeError, ValueError, RecursionError):
        return False


def _items(pattern: str) -> list[str] | None:
    """Top-level items of a regex source: groups, classes, escapes, single characters (with quantifiers)."""
    items, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            j = i + 2
        elif ch == "[":
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"
            j = pattern.find("]", j) + 1
            if j == 0:
                return None
        elif ch == "(":
            depth, j, in_class = 0, i, False
            while j < len(pattern):
                c = pattern[j]
                if c == "\\":
                    j += 2
                    continue
                if in_class:
                    in_class = c != "]"
                elif c == "[":
                    in_class = True
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            j += 1
        else:
            j = i + 1
        quantifier = re.match(r"(?:[*+?]|\{\d*(?:,\d*)?\})\??", pattern[j:])
        j += quantifier.end() if quantifier else 0
        items.append(pattern[i:j])
        i = j
    return items


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source (respecting groups, classes and escapes)."""
    items = _items(pattern)
    if items is None:
        return [pattern]
    pieces: list[list[str]] = [[]]
    for item in items:
        if item == "|":
            pieces.append([])
        else:
            pieces[-1].append(item)
    return ["".join(piece) for piece in pieces]


def distribute(pattern: str) -> list[str]:
    """Spread the rest of a pattern over the alternatives of its widest group: P(?:A|B)S → PAS, PBS.

    Each alternative can then be anchored on its own words. Patterns with capturing
    groups or back-references are left whole (their numbering would change).
    """
    if re.search(r"\\[1-9]|\(\?P|\((?!\?)", pattern):
        return [pattern]
    items = _items(pattern)
    if not items:
        return [pattern]
    groups = [(len(split_alternatives(item[3:-1])), k) for k, item in enumerate(items)
              if item.startswith("(?:") and item.endswith(")")]
    if not groups or max(groups)[0] < 2:
        return [pattern]
    _count, k = max(groups)
    head, tail = "".join(items[:k]), "".join(items[k + 1:])
    return [f"{head}(?:{alt}){tail}" for alt in split_alternatives(items[k][3:-1])]


def compile_units(pattern: str, flags: int) -> tuple[tuple[re.Pattern, ...], tuple[Anchors | None, ...]]:
    """Compile a pattern as separately anchored alternatives (or whole, if they do not stand alone).

    A top-level alternative without anchors is spread over its widest group, so that
    only the parts that really cannot be anchored run on every draft.
    """
    pieces = []
    for piece in split_alternatives(pattern):
        parts = [piece] if pattern_anchors(piece, flags) is not None else distribute(piece)
        pieces += parts
    try:
        units = tuple(re.compile(piece, flags) for piece in pieces) if len(pieces) > 1 else ()
    except re.error:  # e.g. a backreference to a group in another alternative
        units = ()
    units = units or (re.compile(pattern, flags),)
    return units, tuple(pattern_anchors(u.pattern, flags) for u in units)


def pattern_anchors(pattern: str, flags: int = 0) -> Anchors | None:
    """Word (or prefix) anchors of a folded-text pattern, or None when they cannot be known."""
    if sre_parse is None:
        return None
    try:
        return _required(list(sre_parse.parse(pattern, flags)), False, [20_000])
    except (re.error, TypeError, ValueError, RecursionError, _TooComplex):
        return None
