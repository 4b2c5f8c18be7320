"""TextBlob polarity for English, a secondary signal that needs no downloaded corpora."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z'*]+(?:-[a-z'*]+)*")  # "dim-witted" and "f*cking" are lexicon words


@lru_cache(maxsize=1)
def _analyzer():
    # PatternAnalyzer reads the lexicon shipped inside TextBlob; NLTK corpora are never touched.
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


@lru_cache(maxsize=1)
def _negative_words() -> frozenset[str]:
    """Lexicon words that can pull a sentence's polarity down (some sense at polarity ≤ -0.3).

    Read from TextBlob's lexicon file without importing TextBlob: its package imports NLTK (and
    NLTK SciPy when present), a second or more that drafts without such a word never need.
    """
    from importlib.util import find_spec
    from pathlib import Path
    from xml.etree import ElementTree

    lexicon = Path(find_spec("textblob").submodule_search_locations[0]) / "en" / "en-sentiment.xml"
    words = set()
    for entry in ElementTree.parse(lexicon).iter("word"):
        form = (entry.get("form") or "").strip().lower()
        if form and float(entry.get("polarity", 0)) <= -0.3:
            words.add(form.split()[0])
            if entry.get("pos") == "JJ":
                words.add(_adverb(form))
    return frozenset(words)


def _adverb(adjective: str) -> str:
    """The adverb TextBlob derives from an adjective ("terrible" → "terribly", "angry" → "angrily")."""
    stem = adjective[:-1] + "i" if adjective.endswith("y") else adjective
    return (stem[:-2] if stem.endswith("le") else stem) + "ly"


def could_be_negative(text: str) -> bool:
    """Whether a text holds any word that can make a sentence score strongly negative."""
    words = _WORD.findall(text.lower())
    return not _negative_words().isdisjoint({*words, *(part for word in words for part in word.split("-"))})


@lru_cache(maxsize=4096)
def polarity(sentence: str) -> float:
    """Polarity of one English sentence, from -1 (negative) to 1 (positive).

    Scoring is slow (~1 ms a sentence), and a sentence can only score strongly
    negative if it holds a negative lexicon word, so others score 0 without it.
    """
    if not could_be_negative(sentence):
        return 0.0
    return _analyzer().analyze(sentence)[0]
