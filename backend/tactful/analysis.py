"""The /v1/analyze use case, shared by the HTTP API and `tactful check`."""

from __future__ import annotations

from .schemas import AnalyzeRequest
from .tone.engine import analyze
from .tone.packs import RuleSet


def analyze_request(request: AnalyzeRequest, ruleset: RuleSet | None = None) -> dict:
    """Run the tone engine for one request and shape the public response."""
    result = analyze(
        request.text,
        lang=request.lang,
        formality=request.formality,
        ruleset=ruleset,
    )
    return {"lang": result.lang, "findings": [f.to_dict() for f in result.findings]}
