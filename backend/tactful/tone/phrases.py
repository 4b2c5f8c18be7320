"""Compile rule phrases into regular expressions over folded text.

Phrase syntax (matched case- and accent-insensitively, on word boundaries that
know accented and Polish letters):

- words separated by spaces match words separated by any run of spaces,
  commas or dashes;
- ``(a|b c|d)`` matches one of the alternatives, which may hold several words;
  an empty alternative, as in ``(ya|)``, makes the group optional;
- ``*`` at the end of a word (also inside a group) matches any ending, for
  inflected forms (``pisał*`` matches pisałam, pisałem, pisałyśmy);
- ``...`` between words allows up to four other words in between.

Anything else that looks like regex syntax is refused: use ``pattern`` for that.
"""

from __future__ import annotations

import re

from .folding import fold

_SEP = r"[\s,\-–—]+"
_GAP = r"(?:[\w']+[\s,\-–—]+){0,4}"
_TOKEN = re.compile(r"(?:\([^()]*\)|[^\s()]+)+")
_PIECE = re.compile(r"\(([^()]*)\)|[^()]+")
_FORBIDDEN = re.compile(r"[\[\]{}?+\\^$]")


def _literal(word: str) -> str:
    """One word, with `*` as 'any ending'."""
    if "*" in word.rstrip("*"):
        raise ValueError(f"'*' may only end a word: {word!r}")
    stem = word.rstrip("*")
    return re.escape(fold(stem)) + (r"\w*" if word.endswith("*") else "")


def _words(text: str) -> str:
    """Several words separated by spaces."""
    return _SEP.join(_literal(w) for w in text.split())


def _group(inner: str) -> tuple[str, bool]:
    """A group's regex and whether it has an empty alternative."""
    alternatives = [alt.strip() for alt in inner.split("|")]
    filled = [alt for alt in alternatives if alt]
    if not filled:
        raise ValueError("a group needs at least one non-empty alternative")
    if any(not alt.strip(",-–—") for alt in filled):
        raise ValueError(f"({inner}): punctuation between words is already optional; leave it out of the group")
    body = "(?:" + "|".join(_words(alt) for alt in sorted(filled, key=len, reverse=True)) + ")"
    return body, len(filled) < len(alternatives)


def _token(token: str) -> tuple[str, bool]:
    """A space-free token's regex (groups and letters side by side) and whether it is optional."""
    pieces = list(_PIECE.finditer(token))
    out = []
    for piece in pieces:
        if piece.group(1) is not None:
            regex, empty = _group(piece.group(1))
            out.append(regex + ("?" if empty and len(pieces) > 1 else ""))
        else:
            out.append(_literal(piece.group()))
    optional = len(pieces) == 1 and pieces[0].group(1) is not None and _group(pieces[0].group(1))[1]
    return "".join(out), optional


def _tokens(phrase: str) -> list[str]:
    if phrase.count("(") != phrase.count(")") or _FORBIDDEN.search(phrase):
        raise ValueError(f"unbalanced group or regex syntax in phrase {phrase!r}; use `pattern` for regexes")
    tokens = _TOKEN.findall(phrase)
    if not tokens or "".join(tokens).replace(" ", "") != re.sub(r"\s+", "", phrase):
        raise ValueError(f"cannot read phrase {phrase!r}")
    return tokens


def phrase_regex(phrase: str) -> str:
    """Translate one phrase to a regex fragment with Unicode-aware word boundaries."""
    tokens = _tokens(phrase)
    compiled = [("gap", False) if t == "..." else _token(t) for t in tokens]
    required = [i for i, (_, optional) in enumerate(compiled) if not optional and tokens[i] != "..."]
    if not required:
        raise ValueError(f"phrase {phrase!r} has no required word")
    last = required[-1]
    if tokens[0] == "..." or tokens[last + 1:].count("...") or "... ..." in phrase:
        raise ValueError(f"'...' must stand between two words in {phrase!r}")
    parts = []
    for i, (regex, optional) in enumerate(compiled):
        if tokens[i] == "...":
            parts.append(_GAP)
        elif i < last:
            parts.append(f"(?:{regex}{_SEP})?" if optional else regex + _SEP)
        elif i == last:
            parts.append(regex)
        else:
            parts.append(f"(?:{_SEP}{regex})?")
    head = r"(?<!\w)" if re.match(r"[\w(]", phrase) else ""
    tail = r"(?!\w)" if re.search(r"[\w)*]$", phrase) else ""
    return head + "".join(parts) + tail


def phrases_regex(phrases: list[str]) -> str:
    """Phrases as one alternation, longest first (used for antipatterns)."""
    fragments = [phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)]
    return "|".join(f"(?:{f})" for f in fragments)


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """Compile phrases into one alternation, longest first."""
    return re.compile(phrases_regex(phrases))


# A folded literal and how it must occur: as a whole "word", as a word's "prefix",
# or anywhere as a "part" of the text.
Anchor = tuple[str, str]
_LEAD = re.compile(r"\w+")


def _word_anchor(text: str, more_after: bool) -> Anchor | None:
    """The anchor of a literal that starts a word: exact unless a '*' or a group follows its letters."""
    folded = fold(text)
    lead = _LEAD.match(folded)
    if not lead:
        return None
    rest = folded[lead.end():]
    exact = not rest.startswith("*") and (bool(rest) or not more_after)
    return lead.group(), "word" if exact else "prefix"


def _token_anchors(token: str) -> frozenset[Anchor] | None:
    """Words (or prefixes) one of which any match of a required token must contain."""
    pieces = list(_PIECE.finditer(token))
    first = pieces[0]
    if first.group(1) is None:
        found = _word_anchor(first.group(), len(pieces) > 1)
        return frozenset([found]) if found else None
    alternatives = [alt.strip() for alt in first.group(1).split("|")]
    if "" in alternatives:
        return None
    found = set()
    for alt in alternatives:
        # Every word of an alternative is required when it matches: take its longest.
        words = alt.split()
        options = [_word_anchor(w, len(pieces) > 1 and i == len(words) - 1) for i, w in enumerate(words)]
        if any(o is None for o in options):
            return None
        found.add(max(options, key=lambda o: len(o[0])))
    return frozenset(found)


def phrase_anchors(phrase: str) -> frozenset[Anchor] | None:
    """The most selective anchor set of a phrase: one of these must be in a text for it to match."""
    best: frozenset[Anchor] | None = None
    for token in _tokens(phrase):
        if token == "..." or _token(token)[1]:
            continue
        anchors = _token_anchors(token)
        if anchors and (best is None or min(len(a) for a, _ in anchors) >= min(len(a) for a, _ in best)):
            best = anchors
    return best
