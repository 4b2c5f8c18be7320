"""The English polarity signal and the gate that spares most sentences from scoring."""

from __future__ import annotations

from textblob.en import sentiment
from textblob.en.sentiments import PatternAnalyzer

from tactful.tone.sentiment import could_be_negative, polarity


def test_every_word_textblob_scores_strongly_negative_passes_the_gate():
    analyzer = PatternAnalyzer()
    strong = [word for word in sentiment if " " not in word and analyzer.analyze(word)[0] <= -0.3]
    assert len(strong) > 300
    assert [word for word in strong if not could_be_negative(f"It was {word}.")] == []


def test_a_sentence_without_a_negative_word_scores_zero_without_textblob():
    assert not could_be_negative("Thanks for the files, they arrived this morning.")
    assert polarity("Thanks for the files, they arrived this morning.") == 0.0


def test_a_negative_sentence_scores_below_zero():
    assert polarity("This is a terrible, awful result.") < -0.3
