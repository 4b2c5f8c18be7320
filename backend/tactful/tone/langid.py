"""Language of each paragraph, restricted to Spanish, Polish and English, and deterministic.

langdetect is nondeterministic unless seeded, and by default weighs 55
languages; here it loads only the three supported profiles and a fixed seed.
bench/langid.py measures it against lingua-language-detector on ../shared/eval.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SUPPORTED = ("es", "pl", "en")
MIN_LETTERS = 40  # below this, a paragraph takes the draft's (or the request's) language
MAX_SAMPLE = 600  # detection looks at the first characters only: enough, and bounded in time

_PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*", re.UNICODE)
_POLISH = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
_SPANISH = re.compile(r"[ñ¿¡Ñ]")


@lru_cache(maxsize=1)
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    profiles = [(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in SUPPORTED]
    factory.load_json_profile(profiles)
    factory.set_seed(0)
    return factory


def letters(text: str) -> int:
    """How many letters a text holds."""
    return sum(c.isalpha() for c in text)


@lru_cache(maxsize=8192)
def detect(text: str) -> tuple[str, float] | None:
    """Most likely supported language of text and its probability, or None without letters."""
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:MAX_SAMPLE]
    detector = _factory().create()
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang, best.prob


def _fallback(text: str, default: str | None) -> str:
    if default:
        return default
    if _POLISH.search(text):
        return "pl"
    if _SPANISH.search(text):
        return "es"
    found = detect(text)
    return found[0] if found else "en"


def document_language(text: str, requested: str | None, hint: str | None) -> str:
    """The draft's language: the explicit one, else detected, else the client's, else a guess."""
    if requested:
        return requested
    if letters(text) >= MIN_LETTERS // 2:
        found = detect(text)
        if found and found[1] >= 0.5:
            return found[0]
    return _fallback(text, hint)


def paragraphs(text: str, default: str, explicit: bool) -> list[tuple[int, int, str]]:
    """Spans of paragraphs with their language; short ones keep the draft's language."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        lang = default
        chunk = match.group()
        if letters(chunk) >= MIN_LETTERS:
            found = detect(chunk)
            # An explicit language yields only to a clearly different long paragraph.
            needed = 0.95 if explicit else 0.6
            if found and found[1] >= needed:
                lang = found[0]
        spans.append((match.start(), match.end(), lang))
    return spans
