"""Language identification: langdetect (seeded, 3 profiles) against lingua-language-detector, side by side.

Prints JSON: accuracy per draft and per paragraph on shared/eval, on Polish typed without
diacritics, time per draft, and the memory each detector adds.
    python bench/langid.py
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "backend"))
from common import drafts, rss_mb  # noqa: E402
from tactful.tone import langid  # noqa: E402


def strip_diacritics(text: str) -> str:
    """Polish as many people type it: juz pisalam."""
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def samples() -> dict[str, list[tuple[str, str]]]:
    rows = drafts()
    paragraphs = [(p, r["lang"]) for r in rows for p in re.split(r"\n", r["text"])
                  if langid.letters(p) >= langid.MIN_LETTERS]
    return {
        "drafts": [(r["text"], r["lang"]) for r in rows],
        "paragraphs": paragraphs,
        "first_30_characters": [(r["text"][:30], r["lang"]) for r in rows],
        "polish_without_diacritics": [(strip_diacritics(r["text"]), "pl") for r in rows if r["lang"] == "pl"],
    }


def langdetect_detector():
    def detect(text: str) -> str:
        found = langid.detect.__wrapped__(text)
        return found[0] if found else "?"
    langid._factory()
    return detect


def lingua_detector():
    from lingua import Language, LanguageDetectorBuilder

    names = {Language.ENGLISH: "en", Language.SPANISH: "es", Language.POLISH: "pl"}
    detector = LanguageDetectorBuilder.from_languages(*names).with_preloaded_language_models().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return names.get(found, "?")
    return detect


def measure(name: str, make) -> dict:
    before = rss_mb()
    started = time.perf_counter()
    detect = make()
    load_s = time.perf_counter() - started
    result = {"load_s": round(load_s, 3), "memory_mb": round(rss_mb() - before, 1)}
    for kind, items in samples().items():
        started = time.perf_counter()
        right = sum(detect(text) == lang for text, lang in items)
        elapsed = time.perf_counter() - started
        result[kind] = {"accuracy": round(right / len(items), 4), "n": len(items),
                        "ms_per_item": round(elapsed / len(items) * 1000, 3)}
    return result


if __name__ == "__main__":
    print(json.dumps({"langdetect": measure("langdetect", langdetect_detector),
                      "lingua": measure("lingua", lingua_detector)}, indent=2))
