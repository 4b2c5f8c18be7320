"""What the learned pass scores: the sentences of the user's own words, with their offsets.

Quoted replies and signatures are already blanked in the engine's masked text. Words the
user puts between quotation marks (a client's words, a subject line) are blanked too, as the
rules ignore them. Sentences end at . ! ? … or a line break, but not inside numbers
("1.500 €", "v2.1") nor after common abbreviations ("n.", "Sr.", "p. ej.", "e.g."). Greetings,
sign-offs and other scraps of fewer than three words are skipped.
"""

from __future__ import annotations

import re

MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A sentence ends after these marks when a space, a line break or the end follows.
_END = re.compile(r"[.!?…]+(?=[\s\"'»”)\]]|$)|\n")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:n|nº|nr|no|núm|num|art|ul|tel|str|pkt|godz|min|ok|np|tj|tzn|itd|itp|wg|"
    r"sr|sra|srta|dr|dra|lic|ing|prof|ud|uds|vd|vds|p\.\s?ej|etc|aprox|pág|mr|mrs|ms|st|vs|approx|"
    r"e\.g|i\.e|cf|ref|inc|ltd|co|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic|"
    r"sty|lut|kwi|maj|cze|lip|sie|wrz|paź|lis|gru)\.$", re.IGNORECASE)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, trimmed of surrounding spaces."""
    spans, start = [], 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group() != "\n" and _ABBREVIATION.search(text[max(0, match.start() - 8):match.start() + 1]):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def without_quotations(masked: str, quotations: tuple[tuple[int, int], ...]) -> str:
    """The masked text with the user's quotations blanked (offsets kept)."""
    if not quotations:
        return masked
    chars = list(masked)
    for start, end in quotations:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def units(masked: str, quotations: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, text) of the sentences worth scoring, in order; text has quotations blanked."""
    text = without_quotations(masked, quotations)
    found = []
    for start, end in _sentences(text):
        if len(_WORD.findall(text, start, end)) >= MIN_WORDS:
            found.append((start, end, " ".join(text[start:end].split())))
    return found
