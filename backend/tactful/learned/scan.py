"""The learned pass over one draft: score its sentences, flag what the rules did not already name.

A Scorer keeps one head per language (loaded on first use) and the class probabilities of
every sentence it has scored, keyed by language and text, so an edit re-scores only the
sentences that changed. With `wait=False` it answers from that cache alone and scores the
rest on a background thread: the response says how many sentences are still pending, and
asking again a moment later finds them scored.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..tone.finding import Finding
from . import head as head_mod
from . import scorestore
from .corpus import CLASSES, FLAGGED
from .encoder import EmbeddingCache
from .scorestore import ScoreStore
from .units import units
from .wording import ADVICE, MESSAGES

log = logging.getLogger("tactful.learned")


@dataclass(frozen=True)
class Scored:
    """One sentence of the user's words and its class probabilities."""

    start: int
    end: int
    lang: str
    probabilities: dict[str, float]


@dataclass(frozen=True)
class LearnedPass:
    """What the pass found, every sentence it scored, and how many it could not score yet.

    `firm` and `routine`: the largest ratio, over the draft's sentences, of the probability of
    a calm, firm disagreement (or of a routine decline, offer or boundary) to its threshold.
    """

    findings: tuple[Finding, ...]
    sentences: tuple[Scored, ...]
    pending: int
    firm: float = 0.0
    routine: float = 0.0


class Scorer:
    """Heads per language and a cache of sentence scores."""

    def __init__(self, folder: Path = head_mod.FOLDER, cache_size: int = 8192, store: ScoreStore | None = None):
        self.folder = folder
        self.store = store
        self._digests: dict[str, bytes] = {}
        self._heads: dict[str, head_mod.Head | None] = {}
        self._scores: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._embeddings = EmbeddingCache(cache_size)
        self._lock = threading.Lock()
        self._queue: queue.Queue | None = None

    def head(self, lang: str) -> head_mod.Head | None:
        """The language's head, or None when none is shipped for it (or its file is damaged: logged once)."""
        with self._lock:
            if lang not in self._heads:
                path = self.folder / f"{lang}.npz"
                try:
                    self._heads[lang] = head_mod.Head.load(path) if path.is_file() else None
                except (OSError, ValueError, KeyError) as exc:
                    log.error("learned pass off for %s: %s", lang, exc)
                    self._heads[lang] = None
            return self._heads[lang]

    def cached(self, lang: str, text: str) -> np.ndarray | None:
        """The probabilities of a sentence scored before, if any."""
        with self._lock:
            found = self._scores.get((lang, text))
            if found is not None:
                self._scores.move_to_end((lang, text))
            return found

    def score(self, lang: str, texts: list[str]) -> list[np.ndarray]:
        """Probabilities for each text, scoring only those not cached."""
        found = {t: self.cached(lang, t) for t in texts}
        missing = [t for t in dict.fromkeys(texts) if found[t] is None]
        head = self.head(lang)
        if missing and head is not None:
            stored = self.store.get(self._digest(lang), missing) if self.store is not None else {}
            fresh = [t for t in missing if t not in stored]
            scored = dict(zip(fresh, head.scores(self._embeddings.get(fresh), fresh))) if fresh else {}
            if self.store is not None:
                self.store.put(self._digest(lang), scored)
            with self._lock:
                for text in missing:
                    found[text] = self._scores[(lang, text)] = stored.get(text, scored.get(text))
                while len(self._scores) > self._cache_size:
                    self._scores.popitem(last=False)
        return [found[t] for t in texts]

    def _digest(self, lang: str) -> bytes:
        """The store's key for this language's head (computed once)."""
        if lang not in self._digests:
            self._digests[lang] = scorestore.digest(self.folder / f"{lang}.npz")
        return self._digests[lang]

    def later(self, lang: str, texts: list[str]) -> None:
        """Score these on the background thread (started on first use)."""
        with self._lock:
            if self._queue is None:
                self._queue = queue.Queue()
                threading.Thread(target=self._work, name="tactful-learned", daemon=True).start()
        self._queue.put((lang, texts))

    def _work(self) -> None:
        while True:
            lang, texts = self._queue.get()
            try:
                self.score(lang, texts)
            except Exception:  # noqa: BLE001 - a failed batch must not stop the worker; never log the text
                log.exception("learned pass: scoring a batch failed")

    def clear(self) -> None:
        """Forget every cached score and embedding (the heads and the encoder stay loaded)."""
        with self._lock:
            self._scores.clear()
        self._embeddings = EmbeddingCache(self._cache_size)

    def warm(self) -> None:
        """Load the encoder and every shipped head now (the service's warm-up)."""
        for path in sorted(self.folder.glob("*.npz")):
            self.score(path.stem, ["Thank you for the files."])


def _lang_at(regions, position: int, default: str) -> str:
    for start, end, lang in regions:
        if start <= position < end:
            return lang
    return default


def _covered(findings, start: int, end: int, category: str) -> bool:
    return any(f.category == category and f.start < end and start < f.end for f in findings)


def run(text: str, analysis, rule_findings, scorer: Scorer, wait: bool = True) -> LearnedPass:
    """Score the user's sentences; flag each category a sentence reaches that no rule found there."""
    spans = units(analysis.parts.masked, analysis.parts.quotations)
    by_lang: dict[str, list[tuple[int, int, str]]] = {}
    for start, end, unit in spans:
        by_lang.setdefault(_lang_at(analysis.regions, start, analysis.lang), []).append((start, end, unit))
    sentences, findings, pending, firm, routine = [], [], 0, 0.0, 0.0
    for lang, items in by_lang.items():
        head = scorer.head(lang)
        if head is None:
            continue
        texts = [unit for _s, _e, unit in items]
        if wait:
            rows = scorer.score(lang, texts)
        else:
            rows = [scorer.cached(lang, t) for t in texts]
            missing = [t for t, row in zip(texts, rows) if row is None]
            if missing:
                pending += len(missing)
                scorer.later(lang, missing)
        for (start, end, _unit), row in zip(items, rows):
            if row is None:
                continue
            probabilities = {name: float(p) for name, p in zip(CLASSES, row)}
            sentences.append(Scored(start, end, lang, probabilities))
            findings.extend(_flag(text, start, end, lang, probabilities, head, rule_findings))
            if max(probabilities, key=probabilities.get) == "calm_conflict":  # a disagreement more than anything else
                firm = max(firm, probabilities["calm_conflict"] / head.thresholds["calm_conflict"])
            routine = max(routine, probabilities["routine_boundary"] / head.thresholds["routine_boundary"])
    return LearnedPass(tuple(findings), tuple(sentences), pending, round(firm, 3), round(routine, 3))


def _flag(text: str, start: int, end: int, lang: str, probabilities: dict[str, float], head, rule_findings):
    """The learned finding for one sentence: its likeliest tone class above threshold, unless a rule has it."""
    over = [(probabilities[c] / head.thresholds[c], c) for c in FLAGGED if probabilities[c] >= head.thresholds[c]]
    if not over:
        return []
    _ratio, category = max(over)
    if _covered(rule_findings, start, end, category):
        return []
    return [Finding(f"{lang}.{category}.learned", category, "warning", start, end, text[start:end],
                    MESSAGES[lang][category], (), tuple(ADVICE[lang][category]))]


_default: Scorer | None = None
_default_lock = threading.Lock()


def default_scorer() -> Scorer:
    """The process's one Scorer (its caches serve every request)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Scorer()
        return _default


def remember_scores(store: ScoreStore | None = None) -> None:
    """Keep sentence scores on disk from now on (the CLI: a later run skips the encoder for them)."""
    global _default
    with _default_lock:
        _default = Scorer(store=store or ScoreStore())


def use_heads(folder: Path) -> None:
    """Score with the heads in `folder` from now on (`tactful model eval --heads`, before shipping new ones)."""
    global _default
    with _default_lock:
        _default = Scorer(folder)
