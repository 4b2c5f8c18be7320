"""Built-in checks: tone signals that a phrase list cannot express.

Each check takes the masked text (the user's words only) and the rule's
params, and returns the spans it flags. They are referenced from rule packs
by name (``check: caps_ratio``) so their thresholds live with the rules.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

Span = tuple[int, int]

# Capitals that are not shouting: tax ids, file types, currencies, time zones, codes.
ACRONYMS = frozenset("""
ASAP FYI ETA EOD EOW COB OK PS NB IVA NIF CIF NIE RFC CUIT CUIL RUT RUC DNI CURP SL SA SAS SRL SAPI CV
NIP REGON PESEL KRS ZUS JPK KSEF VAT PIT CIT SP ZO ZOO FV PDF DOC DOCX XLS XLSX CSV PNG JPG JPEG SVG GIF
MP3 MP4 ZIP URL HTML CSS SEO SEM SSL TLS DNS CTR CPC CPM ROI KPI CRM ERP API SDK UX UI QA HR PR IT
TV USA UK EU UE USD EUR PLN GBP MXN ARS COP CLP PEN GMT UTC CET CEST EST PST CST EDT PDT BST EIN SSN
LLC LTD INC CEO CTO CFO COO VA VAM FAQ PM AM RSVP NDA SLA SOW RFP ID IBAN SWIFT BIC NFC SMS GPS AI
GST HST ABN ACN HMRC IRS TBC TBD TBA RRP BCC EOM YTD QTD MTD ROAS CPA B2B B2C SAAS CMS SKU EAN NIT RIF RODO GDPR
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:[\d_][\w]*)?|\w+")
_SENTENCE = re.compile(r"[^\n.!?¡¿…]*[^\s.!?¡¿…][^\n.!?…]*[.!?…]*", re.UNICODE)
_EMOJI = re.compile(
    "(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]"
    "[\uFE0F\U0001F3FB-\U0001F3FF]*(?:\u200D[\U0001F000-\U0001FAFF\u2600-\u27BF][\uFE0F]*)*)+"
)


def sentences(text: str) -> Iterator[Span]:
    """Yield the spans of the sentences (and lines) in text."""
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            yield start, end


def _is_shout_word(word: str, ignore: frozenset[str]) -> bool:
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    if any(c.isdigit() or c == "_" for c in word):
        return False  # codes such as JPK_V7M or VERANO15
    return word.upper() not in ignore


@lru_cache(maxsize=64)
def _ignored(extra: tuple[str, ...]) -> frozenset[str]:
    return ACRONYMS | frozenset(w.upper() for w in extra)


_UPPER_WORD = re.compile(r"(?<!\w)[^\W\d_a-zà-ÿ]{2,}(?!\w)")


def caps_ratio(text: str, params: dict) -> list[Span]:
    """Runs of words, or whole sentences, written in capitals (acronyms and codes excluded)."""
    ignore = _ignored(tuple(params.get("ignore", ())))
    starts = [m.start() for m in _UPPER_WORD.finditer(text) if m.group().isupper() and m.group() not in ignore]
    if not starts:
        return []  # the common case: no word in capitals but acronyms
    min_letters = params.get("min_letters", 8)
    min_words = params.get("min_words", 2)
    ratio = params.get("ratio", 0.7)
    spans: list[Span] = []
    for s_start, s_end in sorted({_sentence_around(text, pos) for pos in starts}):
        words = list(_WORD.finditer(text, s_start, s_end))
        shout = [m for m in words if _is_shout_word(m.group(), ignore)]
        if not shout:
            continue
        shout_letters = sum(len(m.group()) for m in shout)
        all_letters = sum(len(m.group()) for m in words if m.group().upper() not in ignore) or 1
        if len(shout) >= min_words and shout_letters >= min_letters and shout_letters / all_letters >= ratio:
            spans.append((shout[0].start(), shout[-1].end()))
            continue
        spans.extend(_caps_runs(text, shout, min_words, min_letters))
    return spans


def _sentence_around(text: str, pos: int) -> Span:
    """The sentence (or line) holding pos, as sentences() would cut it."""
    for start, end in sentences(text[max(0, pos - 600):pos + 600]):
        offset = max(0, pos - 600)
        if start + offset <= pos < end + offset:
            return start + offset, end + offset
    return pos, pos + 1


def _caps_runs(text: str, shout: list[re.Match], min_words: int, min_letters: int) -> list[Span]:
    """Adjacent capitalised words (only spaces, one-letter words or punctuation between)."""
    runs: list[list[re.Match]] = []
    for match in shout:
        gap = text[runs[-1][-1].end():match.start()] if runs else None
        if gap is not None and re.fullmatch(r"[\s,;:\-–—]*(?:[A-ZÁÉÍÓÚÑĄĆĘŁŃÓŚŹŻ]\s+)?[\s,;:\-–—]*", gap):
            runs[-1].append(match)
        else:
            runs.append([match])
    return [
        (run[0].start(), run[-1].end())
        for run in runs
        if len(run) >= min_words and sum(len(m.group()) for m in run) >= min_letters
    ]


def repeated_punctuation(text: str, params: dict) -> list[Span]:
    """Runs such as !!!, ¡¡¡, ??? or ?!?! (at least `min` marks)."""
    n = int(params.get("min", 3))
    return [m.span() for m in re.finditer(r"[!¡?¿]{%d,}" % n, text)]


def emoji(text: str, params: dict) -> list[Span]:
    """Each run of emoji once the draft holds at least `min` of them."""
    found = [m.span() for m in _EMOJI.finditer(text)]
    return found if len(found) >= int(params.get("min", 1)) else []


def exclamation_count(text: str, params: dict) -> list[Span]:
    """Every exclamation mark once the user's words hold `min` or more sentences ending in one."""
    marks = [m.span() for m in re.finditer(r"!+", text)]
    return marks if len(marks) >= int(params.get("min", 4)) else []


def negative_polarity(text: str, params: dict) -> list[Span]:
    """English sentences about the writer with strongly negative polarity (TextBlob)."""
    from .sentiment import polarity

    from .sentiment import could_be_negative

    if not could_be_negative(text):
        return []
    threshold = params.get("threshold", -0.5)
    person = re.compile(params.get("person", r"(?i)\b(?:i|i'm|i've|me|my|myself)\b"))
    return [
        (start, end)
        for start, end in sentences(text)
        if person.search(text, start, end) and polarity(text[start:end]) <= threshold
    ]


CHECKS: dict[str, Callable[[str, dict], list[Span]]] = {
    "caps_ratio": caps_ratio,
    "repeated_punctuation": repeated_punctuation,
    "emoji": emoji,
    "exclamation_count": exclamation_count,
    "negative_polarity": negative_polarity,
}
