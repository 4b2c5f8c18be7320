"""How the tone engine behaves on public text nobody here wrote (shared/eval/public).

Prints JSON: for very polite requests, the share that get a warning or error (should be
low); for harmful Polish posts and sarcastic tweets, the share flagged (higher is better),
with the neutral rows alongside.
    python bench/public_corpora.py
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
from common import EVAL  # noqa: E402
from tactful.analysis import analyze_request  # noqa: E402
from tactful.evaluation import FLAGGING  # noqa: E402
from tactful.schemas import AnalyzeRequest  # noqa: E402

PUBLIC = EVAL / "public"


def _rows(name: str, file: str) -> list[dict]:
    with open(PUBLIC / name / file, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def flag_rate(texts: list[str], lang: str, category: str | None = None) -> dict:
    """Share of texts with a warning or error (of one category, if given), as /v1/analyze answers (rules and
    the learned pass), the share the rules alone flag, and the rules that fired most."""
    fired, flagged, by_rules = Counter(), 0, 0
    for text in texts:
        findings = analyze_request(AnalyzeRequest(text=text, lang=lang))["findings"]
        found = [f for f in findings if f["severity"] in FLAGGING and (category is None or f["category"] == category)]
        flagged += bool(found)
        by_rules += any(not f["rule"].endswith(".learned") for f in found)
        fired.update({f["rule"] for f in found})
    n = max(len(texts), 1)
    return {"n": len(texts), "flagged": round(flagged / n, 3), "flagged_by_rules_alone": round(by_rules / n, 3),
            "top_rules": fired.most_common(5)}


def main() -> None:
    stanford = _rows("stanford_politeness_en", "sample.csv")
    tydip = _rows("tydip_politeness_es", "es_test_all.csv")
    ban = _rows("ban_pl", "sample.csv")
    sarcasm = _rows("isarcasmeval_en", "sample.csv")
    report = {
        "en_polite_requests": flag_rate([r["Request"] for r in stanford
                                         if r["quartile_label_derived"] == "polite_top25"], "en"),
        "en_impolite_requests": flag_rate([r["Request"] for r in stanford
                                           if r["quartile_label_derived"] == "impolite_bottom25"], "en"),
        "es_polite_requests": flag_rate([r["sentence"] for r in tydip if r["binary_label_derived"] == "polite"], "es"),
        "es_impolite_requests": flag_rate([r["sentence"] for r in tydip
                                           if r["binary_label_derived"] == "impolite"], "es"),
        "pl_harmful_posts_rude": flag_rate([r["Text"] for r in ban if r["Class"] == "1"], "pl", "rude"),
        "pl_neutral_posts_rude": flag_rate([r["Text"] for r in ban if r["Class"] == "0"], "pl", "rude"),
        "en_sarcastic_tweets_sarcastic": flag_rate([r["text"] for r in sarcasm if r["sarcastic"] == "1"], "en",
                                                   "sarcastic"),
        "en_other_tweets_sarcastic": flag_rate([r["text"] for r in sarcasm if r["sarcastic"] == "0"], "en",
                                               "sarcastic"),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
