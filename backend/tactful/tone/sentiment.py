"""TextBlob polarity for English, a secondary signal that needs no downloaded corpora."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z']+")


@lru_cache(maxsize=1)
def _analyzer():
    # PatternAnalyzer reads the lexicon shipped inside TextBlob; NLTK corpora are never touched.
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


@lru_cache(maxsize=1)
def _negative_words() -> frozenset[str]:
    """Lexicon words that can pull a sentence's polarity down (polarity ≤ -0.3 in some sense)."""
    from textblob.en import sentiment

    return frozenset(word.split()[0] for word, senses in sentiment.items()
                     if any(values[0] <= -0.3 for values in senses.values()))


def could_be_negative(text: str) -> bool:
    """Whether a text holds any word that can make a sentence score strongly negative."""
    return not _negative_words().isdisjoint(_WORD.findall(text.lower()))


@lru_cache(maxsize=4096)
def polarity(sentence: str) -> float:
    """Polarity of one English sentence, from -1 (negative) to 1 (positive).

    Scoring is slow (~1 ms a sentence), and a sentence can only score strongly
    negative if it holds a negative lexicon word, so others score 0 without it.
    """
    if not could_be_negative(sentence):
        return 0.0
    return _analyzer().analyze(sentence)[0]
