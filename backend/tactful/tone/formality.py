"""How formally the draft addresses the client, when neither the request nor a profile says."""

from __future__ import annotations

import re

# Strong signs that the writer addresses the client formally (usted / Pan, Pani / Mr, Ms).
# A greeting counts only at the start of a line: "mi estimado" mid-sentence is friendly, not formal.
_MARKERS = {
    "es": (re.compile(r"(?im)^\s*(?:estimad|distinguid|apreciad)[oa]s?\b|\busted(?:es)?\b"),
           re.compile(r"\b(?:Sr|Sra|Srta|Sres|Lic|Dr|Dra|Ing|Don|Doña|don|doña)\.?\s+[A-ZÁÉÍÓÚÑ]")),
    "pl": (re.compile(r"\b(?:Pan|Pani|Panie|Pana|Panu|Panem|Panią|Państwo|Państwa|Państwu|Państwem)\b"),
           re.compile(r"(?im)^\s*szanown[aiy]\w*\b")),
    "en": (re.compile(r"(?i)^\s*dear\s+(?:mr|ms|mrs|dr|sir|madam)\b", re.MULTILINE),
           re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z]")),
}


def infer(text: str, lang: str) -> str:
    """'formal' when the draft itself addresses the client formally, else 'unknown'."""
    return "formal" if any(m.search(text) for m in _MARKERS.get(lang, ())) else "unknown"
