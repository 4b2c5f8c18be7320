"""The learned head: a softmax over sentence features, stored as one small .npz per language.

Features are the sentence's embedding (scaled by `dense_scale`) beside its hashed n-grams;
scores are class probabilities; `thresholds` say, per tone class, from which probability a
sentence is flagged (set on sentences the head was not trained on, see train.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import features

FOLDER = Path(__file__).resolve().parent / "heads"


@dataclass(frozen=True)
class Head:
    """Weights for one language."""

    lang: str
    classes: tuple[str, ...]
    dense: np.ndarray  # (512, C)
    sparse: np.ndarray  # (features.DIMENSIONS, C)
    bias: np.ndarray  # (C,)
    dense_scale: float
    thresholds: dict[str, float]

    def scores(self, embeddings: np.ndarray, texts: list[str]) -> np.ndarray:
        """Class probabilities, one row per sentence."""
        logits = (embeddings * self.dense_scale) @ self.dense + self.bias
        for row, text in enumerate(texts):
            columns, weights = features.hashed(text)
            if len(columns):
                logits[row] += weights @ self.sparse[columns]
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        """Write the head (float16 weights: half the size, no measurable change in scores)."""
        names = list(self.thresholds)
        np.savez_compressed(
            path, lang=self.lang, classes=np.array(self.classes), dense=self.dense.astype(np.float16),
            sparse=self.sparse.astype(np.float16), bias=self.bias.astype(np.float32),
            dense_scale=np.float32(self.dense_scale), threshold_names=np.array(names),
            threshold_values=np.array([self.thresholds[n] for n in names], dtype=np.float32))

    @classmethod
    def load(cls, path: Path) -> "Head":
        """Read a head written by save(); ValueError naming what a damaged or outdated file lacks."""
        from .corpus import CLASSES, FLAGGED

        with np.load(path, allow_pickle=False) as data:
            head = cls(str(data["lang"]), tuple(str(c) for c in data["classes"]),
                       data["dense"].astype(np.float32), data["sparse"].astype(np.float32),
                       data["bias"].astype(np.float32), float(data["dense_scale"]),
                       {str(n): float(v) for n, v in zip(data["threshold_names"], data["threshold_values"])})
        missing = [name for name in (*FLAGGED, "calm_conflict", "routine_boundary") if name not in head.thresholds]
        if head.classes != CLASSES or missing or head.sparse.shape != (features.DIMENSIONS, len(CLASSES)):
            raise ValueError(f"{path}: not a head for this version of Tactful (classes {list(head.classes)}, "
                             f"missing thresholds {missing}); retrain it with `tactful model train`")
        return head
