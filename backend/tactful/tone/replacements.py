"""A finding's suggestions as the exact text to put in place of its span.

A rule's suggestions are written once, capitalised as at the start of a sentence; in
place of a span they must read as part of the sentence around it, so the first letter
follows the span (a span mid-sentence gets a small letter). Before them comes the span
itself corrected, when the rule says how: a `rewrite` entry for this very span ("tus" →
"sus", "porfa" → "por favor"), or else its `fix` — in lower case (shouting), with one
mark (`!!!`), with stretched letters undone ("holaaa").
"""

from __future__ import annotations

import re

from .checks import ACRONYMS
from .folding import fold

FIXES = ("lower_case", "single_mark", "collapse_letters")

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that keep their capital anywhere in a sentence.
_ALWAYS_CAPITAL = {
    "en": re.compile(r"(?:I|I'm|I’m|I'd|I’d|I'll|I’ll|I've|I’ve|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
                     r"|Sunday|January|February|March|April|June|July|August|September|October|November"
                     r"|December|English|Mr|Ms|Mrs|Dr)"),
    # Polish letters capitalise the words that address the reader, as a courtesy.
    "pl": re.compile(r"(?:Pan|Pani|Pana|Panu|Panem|Panią|Panie|Państwo|Państwa|Państwu|Państwem|Pański\w*"
                     r"|Ty|Ciebie|Tobie|Tobą|Twój|Twoja|Twoje|Twoi|Twoich|Twoim|Twoją|Twojego|Twojej|Twojemu|Wy|Was"
                     r"|Wam|Wami|Wasz\w*)"),
    "es": re.compile(r"(?!)"),
}
_SENTENCE_END = ".!?…:;\n"
_OPENERS = " \t\"'«“„‘(¿¡-–—"


def starts_sentence(text: str, pos: int) -> bool:
    """Whether pos starts a sentence: only openers (spaces, ¿, ¡, quotes) since a line or sentence end."""
    i = pos
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_END


def _shouted(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def capital_wanted(text: str, start: int, end: int) -> bool | None:
    """Whether what replaces text[start:end] should begin with a capital; None when the span has no letter.

    The span's first letter decides, unless its word is in capitals (shouting says nothing
    about the sentence): then it is whether the span starts a sentence.
    """
    word = _WORD.search(text, start, end)
    if word is None:
        return None
    if _shouted(word.group()):
        return starts_sentence(text, start)
    return word.group()[0].isupper()


def with_case(suggestion: str, capital: bool | None, lang: str) -> str:
    """The suggestion with its first letter as the span needs (a word that is always capitalised stays so)."""
    letter = _LETTER.search(suggestion)
    if capital is None or letter is None:
        return suggestion
    i = letter.start()
    if capital:
        return suggestion[:i] + suggestion[i].upper() + suggestion[i + 1:]
    word = _WORD.match(suggestion, i)
    first = word.group() if word else suggestion[i]
    if _shouted(first) or _ALWAYS_CAPITAL[lang].fullmatch(first):
        return suggestion
    return suggestion[:i] + suggestion[i].lower() + suggestion[i + 1:]


def lower_case(span: str, lang: str, ignore: frozenset[str]) -> str:
    """The span with its words in capitals written in lower case (acronyms and words that need a capital kept)."""

    def lower(match: re.Match) -> str:
        word = match.group()
        one_capital = len(word) == 1 and word.isupper()  # "O" in "PROSZĘ O PLIKI", "Y" in "TÚ Y YO"
        if not (_shouted(word) or one_capital) or word.upper() in ignore:
            return word
        low = word.lower()
        proper = low[0].upper() + low[1:]
        return proper if _ALWAYS_CAPITAL[lang].fullmatch(proper) else low

    fixed = _WORD.sub(lower, span)
    # A sentence that starts inside the span keeps its capital.
    return re.sub(r"([.!?…]\s+[¿¡]?)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), fixed)


def single_mark(span: str) -> str:
    """A run of marks as one: `!!!` → `!`, `???` and `?!?` → `?`, `¿¿¿` → `¿`, `¡¡¡` → `¡`."""
    question = any(c in "?¿" for c in span)
    if span and all(c in "¡¿" for c in span):
        return "¿" if question else "¡"
    return "?" if question else "!"


def collapse_letters(span: str) -> str:
    """Stretched letters written once: "holaaa" → "hola", "dziękiii" → "dzięki"."""
    return re.sub(r"([^\W\d_])\1{2,}", r"\1", span)


def fixed_form(fix: str, span: str, lang: str, params: dict) -> str:
    """The span itself, corrected as the rule's `fix` says."""
    if fix == "single_mark":
        return single_mark(span)
    if fix == "collapse_letters":
        return collapse_letters(span)
    return lower_case(span, lang, ACRONYMS | frozenset(w.upper() for w in params.get("ignore", ())))


_LITERAL = re.compile(r"[\w' -]+(?:\|[\w' -]+)*")


class Rewriter:
    """A rule's `rewrite`, ready to use: plain words looked up at once, regexes tried in order.

    The first key (a regex on the folded span) that matches all of the span wins; a value is
    one replacement or a list of them (Polish "Pani" and "Pan"); `\\1`… bring back the span's
    own words as written (accents and all).
    """

    def __init__(self, rewrite: dict):
        self._words: dict[str, tuple[int, object]] = {}
        self._patterns: list[tuple[int, re.Pattern, object]] = []
        for order, (key, value) in enumerate(rewrite.items()):
            if _LITERAL.fullmatch(key):
                for word in key.split("|"):
                    self._words.setdefault(word, (order, value))
            else:
                self._patterns.append((order, re.compile(key), value))

    def __call__(self, span: str, lang: str = "en") -> list[str]:
        folded = fold(span)
        word_order, value = self._words.get(folded, (len(self._words) + len(self._patterns), None))
        m = None
        for order, pattern, candidate in self._patterns:
            if order > word_order:
                break
            m = pattern.fullmatch(folded)
            if m:
                value = candidate
                break
        if value is None:
            return []

        # Words brought back from a span in capitals come back in lower case: the fix is for the whole span.
        own = lower_case(span, lang, ACRONYMS) if _shouted(span) else span
        own = own if len(own) == len(span) else span

        def group(g: re.Match) -> str:
            n = int(g[1])
            return own[m.start(n):m.end(n)] if m is not None and m.group(n) is not None else ""

        return [re.sub(r"\\(\d)", group, v) for v in ([value] if isinstance(value, str) else value)]


def rewritten(span: str, rewrite: dict) -> list[str]:
    """The rule's rewrites of this span (see Rewriter); for one-off use, as in the tests."""
    return Rewriter(rewrite)(span)


# How a Polish draft addresses its reader: "Panie Marku", "Pana", "Panu" against "Pani Anno".
_MAN = re.compile(r"\bPan(?:ie|a|u|em)?\b")
_WOMAN = re.compile(r"\bPani(?:ą)?\b")


def by_address(options: list[str], text: str, lang: str) -> list[str]:
    """Polish alternatives are written woman's form first; a draft that only ever says "Pan" gets the man's first."""
    if lang == "pl" and len(options) > 1 and _MAN.search(text) and not _WOMAN.search(text):
        return options[::-1]
    return options


def for_span(text: str, start: int, end: int, lang: str, suggestions: tuple[str, ...], fix: str | None = None,
             params: dict | None = None, rewrite: Rewriter | dict | None = None) -> tuple[str, ...]:
    """What may replace text[start:end]: the span corrected (rewrite, else fix) first, then each suggestion."""
    span = text[start:end]
    capital = capital_wanted(text, start, end)
    if isinstance(rewrite, dict):
        rewrite = Rewriter(rewrite) if rewrite else None
    first = by_address(rewrite(span, lang), text, lang) if rewrite else []
    if not first and fix:
        first = [fixed_form(fix, span, lang, params or {})]
    return tuple(with_case(s, capital, lang) for s in first + list(suggestions))
