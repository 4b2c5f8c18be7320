"""The one finding shape shared by the engine, the API, the CLI and the extension."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    """A span of the user's words that reads badly to a client, with why and a calmer wording.

    `suggestions` are replacements for the span, ready to insert in its place; `advice` is
    guidance to show beside them, never to insert.
    """

    rule: str
    category: str
    severity: str
    start: int
    end: int
    excerpt: str
    message: str
    suggestions: tuple[str, ...]
    advice: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The public JSON shape (DESIGN.md, POST /v1/analyze); built by hand, asdict's deep copy costs ~1 ms a draft."""
        return {"rule": self.rule, "category": self.category, "severity": self.severity, "start": self.start,
                "end": self.end, "excerpt": self.excerpt, "message": self.message,
                "suggestions": list(self.suggestions), "advice": list(self.advice)}
