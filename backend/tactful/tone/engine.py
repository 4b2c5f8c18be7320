"""The tone engine: find what reads badly to a client in the user's own words."""

from __future__ import annotations

from dataclasses import dataclass

from . import formality as formality_mod
from . import langid
from .finding import SEVERITY_RANK, Finding
from .folding import fold
from .index import Lines
from .packs import RuleSet, default_rules
from .segments import Parts, split


@dataclass(frozen=True)
class Analysis:
    """What the engine found in one draft, plus the context later stages reuse."""

    lang: str
    formality: str
    findings: tuple[Finding, ...]
    parts: Parts
    regions: tuple[tuple[int, int, str], ...] = ()
    lines: tuple[Lines, ...] = ()  # the folded line index per region, reused by rescan()


def _regions(paragraphs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge consecutive paragraphs of the same language into one region."""
    regions: list[list] = []
    for start, end, lang in paragraphs:
        if regions and regions[-1][2] == lang:
            regions[-1][1] = end
        else:
            regions.append([start, end, lang])
    return [tuple(r) for r in regions]


def _scan(text: str, masked: str, folded: str, region: tuple[int, int, str], lines: Lines, formality: str,
          ruleset: RuleSet, parts: Parts, kind: str = "tone") -> list[Finding]:
    start, end, lang = region
    segment, segment_folded = masked[start:end], folded[start:end]
    candidates = ruleset.anchor_index(lang, kind).candidates(lines)
    found = []
    for position, rule in enumerate(ruleset.for_lang(lang, kind)):
        if not rule.applies(formality) or (rule.units and position not in candidates):
            continue
        for s, e in rule.spans(segment, segment_folded, candidates.get(position)):
            s, e = s + start, e + start
            if parts.inside_quotation(s, e):
                continue
            found.append(Finding(rule.id, rule.category, rule.severity, s, e, text[s:e],
                                 rule.message, rule.replacements(text, s, e), rule.advice))
    return found


def _dedupe(findings: list[Finding]) -> tuple[Finding, ...]:
    """Keep one finding per category where spans overlap: the most severe, then the longest."""
    ranked = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for f in ranked:
        if not any(k.category == f.category and k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return tuple(sorted(kept, key=lambda f: (f.start, f.end, f.rule)))


def warm(ruleset: RuleSet | None = None) -> None:
    """Load rules, language profiles, every regex and the sentiment lexicon now, not on a user's first draft."""
    from .sentiment import polarity

    ruleset = ruleset or default_rules()
    analyze("Como ya te dije. Jak już pisałam. Per my last email.", ruleset=ruleset)
    polarity("I hate this awful delay.")
    ruleset.compile_all()


def analyze(text: str, lang: str = "auto", formality: str | None = None, client_lang: str | None = None,
            ruleset: RuleSet | None = None, kind: str = "tone") -> Analysis:
    """Analyse one draft: language, the client's formality, and findings in the user's words.

    `kind="conflict"` runs the conflict-cue packs instead of the tone packs.
    """
    ruleset = ruleset or default_rules()
    parts = split(text)
    masked = parts.masked
    doc_lang, paragraphs = langid.languages(masked, None if lang == "auto" else lang, client_lang)
    register = formality or formality_mod.infer(masked, doc_lang)
    regions = tuple(_regions(paragraphs))
    folded = fold(masked)
    lines = tuple(Lines(folded[start:end]) for start, end, _ in regions)
    findings = _findings(text, parts, folded, regions, lines, register, ruleset, kind)
    return Analysis(doc_lang, register, findings, parts, regions, lines)


def rescan(text: str, analysis: Analysis, ruleset: RuleSet | None = None, kind: str = "conflict") -> Analysis:
    """Run another kind of pack over a draft already split, language-tagged and indexed (no second pass)."""
    ruleset = ruleset or default_rules()
    folded = fold(analysis.parts.masked)
    findings = _findings(text, analysis.parts, folded, analysis.regions, analysis.lines, analysis.formality,
                         ruleset, kind)
    return Analysis(analysis.lang, analysis.formality, findings, analysis.parts, analysis.regions, analysis.lines)


def _findings(text: str, parts: Parts, folded: str, regions, lines, register: str, ruleset: RuleSet,
              kind: str) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    for region, region_lines in zip(regions, lines):
        findings.extend(_scan(text, parts.masked, folded, region, region_lines, register, ruleset, parts, kind))
    return _dedupe(findings)
