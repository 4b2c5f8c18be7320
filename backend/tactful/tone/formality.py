"""How formally the draft addresses the client, when neither the request nor a profile says."""

from __future__ import annotations

import re

# Strong signs that the writer addresses the client formally (usted / Pan, Pani / Mr, Ms).
_MARKERS = {
    "es": re.compile(r"(?i)\b(?:usted|ustedes|estimad[oa]s?|sr|sra|srta|sres|lic|dra?|ing)\b\.?(?!\w)"),
    "pl": re.compile(r"\b(?:Pan|Pani|Panie|Pana|Panu|Panem|Panią|Państwo|Państwa|Państwu|Państwem|Szanown\w+)\b"),
    "en": re.compile(r"\b(?:Dear (?:Mr|Ms|Mrs|Dr|Sir|Madam)|Mr\.|Ms\.|Mrs\.)"),
}
FORMALITIES = ("formal", "informal")


def infer(text: str, lang: str) -> str:
    """'formal' when the draft itself addresses the client formally, else 'unknown'."""
    marker = _MARKERS.get(lang)
    return "formal" if marker and marker.search(text) else "unknown"
