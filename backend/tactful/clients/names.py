"""Display names as compared: a recipient shown only by name matches a contact by the whole name."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def fold_name(name: str) -> str:
    """The comparison key of a name: no accents, case folded, single spaces ('José  Núñez' → 'jose nunez')."""
    decomposed = unicodedata.normalize("NFKD", _INVISIBLE.sub("", name))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def clean_name(value: str) -> str | None:
    """A display name with its spaces tidied, or None when it is empty or holds control characters."""
    if _CONTROL.search(value):
        return None
    tidy = " ".join(_INVISIBLE.sub("", value).split())
    return tidy or None
