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
TRIALS = 2  # langdetect's default is 7; with three languages two agree as often (bench/langid.py)
MAX_SAMPLE = 120  # detection reads the first characters only: as accurate on the eval set, bounded time

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
    return sum(map(str.isalpha, text))


@lru_cache(maxsize=8192)
def detect(text: str) -> tuple[str, float] | None:
    """Most likely supported language of text and its probability, or None without letters."""
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:MAX_SAMPLE]
    detector = _factory().create()
    detector.n_trial = TRIALS
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang, best.prob


def _fallback(text: str, default: str | None) -> str:
    """Language of a text too short to detect: the client's, else a guess from its letters."""
    if default:
        return default
    if _POLISH.search(text):
        return "pl"
    if _SPANISH.search(text):
        return "es"
    found = detect(text) if letters(text) else None
    return found[0] if found else "en"


# Frequent function words of each language. They only ever confirm what langdetect said
# about an earlier paragraph; anything else is left to langdetect.
_FUNCTION_WORDS = {
    "es": frozenset("que de el la los las por para con una del al es en se lo le su muy pero como más".split()),
    "pl": frozenset("się nie jest że na do w z to czy jak za od po ale już jeszcze bardzo oraz".split()),
    "en": frozenset("the and to of you is for with that this your are on be it will have can we".split()),
}
_WORDS = re.compile(r"[^\W\d_]+")


def _same_as(chunk: str, lang: str) -> bool:
    """Whether a paragraph's function words clearly point to `lang` (so detection can be skipped)."""
    words = [w.lower() for w in _WORDS.findall(chunk)]
    votes = {code: sum(w in table for w in words) for code, table in _FUNCTION_WORDS.items()}
    others = max(v for code, v in votes.items() if code != lang)
    return votes[lang] >= 3 and votes[lang] >= 3 * others


def _paragraph_language(chunk: str, known: str | None) -> tuple[str, float] | None:
    if letters(chunk) < MIN_LETTERS:
        return None
    if known and _same_as(chunk, known):
        return known, 1.0
    return detect(chunk)


def languages(text: str, requested: str | None, hint: str | None) -> tuple[str, list[tuple[int, int, str]]]:
    """The draft's language and each paragraph's, detecting each paragraph once.

    The draft's language is the explicit one, else the language holding most letters
    among paragraphs long enough to detect, else the client's, else a guess. A short
    paragraph takes the draft's language; an explicit language yields only to a long
    paragraph that is clearly another language.
    """
    chunks, known = [], None
    for match in _PARAGRAPH.finditer(text):
        found = _paragraph_language(match.group(), known)
        if found and found[1] >= 0.6:
            known = found[0]  # later paragraphs that plainly share it skip detection
        chunks.append((match.start(), match.end(), found))
    weight: dict[str, int] = {}
    for start, end, found in chunks:
        if found and found[1] >= 0.6:
            weight[found[0]] = weight.get(found[0], 0) + (end - start)
    document = requested or (max(weight, key=weight.get) if weight else _fallback(text, hint))
    needed = 0.95 if requested else 0.6
    spans = [(start, end, found[0] if found and found[1] >= needed else document) for start, end, found in chunks]
    return document, spans
