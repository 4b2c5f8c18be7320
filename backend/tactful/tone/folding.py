"""Case- and accent-folding that keeps every offset: one output character per input character."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into base + accent.
_SPECIAL = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "ß": "ß", "’": "'", "‘": "'", "ʼ": "'"}


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character to a lower-case, accent-free single character."""
    if ch.isascii():
        return ch.lower()
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low[0] if low else ch


def fold(text: str) -> str:
    """Fold a whole string; the result has exactly len(text) characters."""
    if text.isascii():
        return text.lower()
    return "".join(map(fold_char, text))
