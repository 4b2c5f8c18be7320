"""TextBlob polarity for English, a secondary signal that needs no downloaded corpora."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _analyzer():
    # PatternAnalyzer reads the lexicon shipped inside TextBlob; NLTK corpora are never touched.
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


@lru_cache(maxsize=4096)
def polarity(sentence: str) -> float:
    """Polarity of one English sentence, from -1 (negative) to 1 (positive)."""
    return _analyzer().analyze(sentence)[0]
