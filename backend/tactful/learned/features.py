"""Character and word n-grams of a sentence, hashed into a fixed number of columns.

Character n-grams (3 to 5, over the folded text with word edges marked) see inflections,
missing diacritics and typos; word unigrams and bigrams see phrasing. Each gram is hashed
with CRC-32 (stable across runs and machines) and counted; counts are log-scaled and the
row L2-normalised, so long and short sentences weigh alike.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from ..tone.folding import fold

DIMENSIONS = 1 << 16
_WORD = re.compile(r"\w+(?:'\w+)?")
_DIGITS = re.compile(r"\d")


def grams(text: str) -> list[str]:
    """The n-grams of one sentence: char 3–5 grams per word (with edges) and word 1–2 grams."""
    words = [_DIGITS.sub("0", w) for w in _WORD.findall(fold(text))]
    found = [f"w:{w}" for w in words]
    found += [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    for word in words:
        padded = f"<{word}>"
        for n in (3, 4, 5):
            found += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return found


def hashed(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and weights of one sentence's features (sorted, unique, L2-normalised)."""
    counts: dict[int, int] = {}
    for gram in grams(text):
        column = zlib.crc32(gram.encode("utf-8", "surrogatepass")) & (DIMENSIONS - 1)
        counts[column] = counts.get(column, 0) + 1
    if not counts:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    columns = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
    weights = np.log1p(np.array([counts[c] for c in columns], dtype=np.float32))
    return columns, weights / np.linalg.norm(weights)
