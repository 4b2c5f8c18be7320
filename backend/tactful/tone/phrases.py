"""Compile rule phrases into regular expressions over folded text.

Phrase syntax (matched case- and accent-insensitively, on word boundaries that
know accented and Polish letters):

- words separated by spaces match words separated by any run of spaces,
  commas or dashes;
- ``(a|b|c)`` matches one of the alternatives; an empty alternative, as in
  ``(ya|)``, makes the word optional;
- ``*`` at the end of a word matches any ending, for inflected forms
  (``pisał*`` matches pisałam, pisałem, pisałyśmy);
- ``...`` between words allows up to four other words in between.
"""

from __future__ import annotations

import re

from .folding import fold

_SEP = r"[\s,\-–—]+"
_GAP = r"(?:[\s,\-–—]+\w+){0,4}"
_TOKEN = re.compile(r"\(([^()]*)\)|\*|[^()*]+")


def _word(token: str) -> str:
    """Translate one space-free phrase token to a regex fragment."""
    out = []
    for match in _TOKEN.finditer(token):
        piece = match.group()
        if piece == "*":
            out.append(r"\w*")
        elif match.group(1) is not None:
            alternatives = [re.escape(fold(alt.strip())) for alt in match.group(1).split("|")]
            out.append("(?:" + "|".join(alternatives) + ")")
        else:
            out.append(re.escape(fold(piece)))
    return "".join(out)


def _is_optional(token: str) -> bool:
    """A token that is one group with an empty alternative, such as ``(ya|)``."""
    match = re.fullmatch(r"\(([^()]*)\)", token)
    return bool(match) and "" in [alt.strip() for alt in match.group(1).split("|")]


def phrase_regex(phrase: str) -> str:
    """Translate one phrase to a regex fragment with Unicode-aware word boundaries."""
    tokens = phrase.split()
    if not tokens:
        raise ValueError("empty phrase")
    parts: list[str] = []
    for i, token in enumerate(tokens):
        if token == "...":
            parts.append(_GAP)
            continue
        fragment = _word(token)
        if _is_optional(token):
            parts.append(f"(?:{fragment}{_SEP})?" if i == 0 else f"(?:{_SEP}{fragment})?")
        else:
            parts.append(fragment if i == 0 or tokens[i - 1] == "..." and i == 1 else _SEP + fragment)
    head = r"(?<!\w)" if re.match(r"[\w(]", phrase) else ""
    tail = r"(?!\w)" if re.search(r"[\w)]$", phrase) else ""
    return head + "".join(parts) + tail


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """Compile a rule's phrases into one alternation, longest first."""
    fragments = [phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)]
    return re.compile("|".join(f"(?:{f})" for f in fragments))


def anchors(phrases: list[str]) -> frozenset[str] | None:
    """Words one of which must occur in a text for the phrases to match; None when unknowable."""
    found = set()
    for phrase in phrases:
        words = [w for w in phrase.split() if re.fullmatch(r"[\w'’]+", w)]
        if not words:
            return None
        found.add(fold(max(words, key=len)).split("'")[0].split("’")[0])
    return frozenset(found)
