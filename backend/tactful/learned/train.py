"""Train the heads from the corpus, deterministically, and set their thresholds on unseen sentences.

Sentences whose stable fold (corpus.Sentence.fold) is 8 or 9 are kept out of training: the
thresholds are chosen on them so that at most `max_false_positive` of those that are fine to
send are flagged, per class. The optimiser (L-BFGS on the full batch) has no randomness, so
the same corpus and code give the same head.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import encoder, features
from .corpus import CLASSES, FLAGGED, Sentence
from .head import Head

CALIBRATION_FOLDS = frozenset({8, 9})
FINE = ("neutral", "routine_boundary", "calm_conflict")


@dataclass(frozen=True)
class Settings:
    """Training choices (measured on the dev data; see README, How well it works)."""

    dense_scale: float = 1.0
    l2_dense: float = 3e-5
    l2_sparse: float = 3e-5
    max_false_positive: float = 0.01
    iterations: int = 400


def _scipy():
    """SciPy, which only training needs (pip install 'tactful[train]')."""
    try:
        import scipy.optimize
        import scipy.sparse
    except ImportError:
        from ..errors import TactfulError

        raise TactfulError("missing_dependency", "training the heads needs SciPy: pip install 'tactful[train]'") \
            from None
    return scipy


def design(sentences: list[Sentence], embeddings: np.ndarray, dense_scale: float):
    """The sparse design matrix: scaled embedding columns, then hashed n-gram columns."""
    sparse = _scipy().sparse

    rows, cols, vals = [], [], []
    for i, sentence in enumerate(sentences):
        columns, weights = features.hashed(sentence.text)
        rows.append(np.full(len(columns), i, dtype=np.int32))
        cols.append(columns)
        vals.append(weights)
    grams = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                              shape=(len(sentences), features.DIMENSIONS), dtype=np.float64)
    dense = sparse.csr_matrix(embeddings.astype(np.float64) * dense_scale)
    return sparse.hstack([dense, grams], format="csr")


def fit(x, labels: np.ndarray, weights: np.ndarray, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression with L2, by L-BFGS; returns (W, b)."""
    minimize = _scipy().optimize.minimize

    n, d = x.shape
    c = len(CLASSES)
    onehot = np.zeros((n, c))
    onehot[np.arange(n), labels] = 1.0
    penalty = np.full(d, settings.l2_sparse)
    penalty[:encoder.DIMENSIONS] = settings.l2_dense
    total = weights.sum()

    def loss(theta):
        w, b = theta[:d * c].reshape(d, c), theta[d * c:]
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(weights * (onehot * log_p).sum(axis=1)).sum() / total
        value += 0.5 * (penalty[:, None] * w * w).sum()
        residual = (np.exp(log_p) - onehot) * (weights / total)[:, None]
        grad_w = np.asarray(x.T @ residual) + penalty[:, None] * w
        return value, np.concatenate([grad_w.ravel(), residual.sum(axis=0)])

    result = minimize(loss, np.zeros(d * c + c), jac=True, method="L-BFGS-B",
                      options={"maxiter": settings.iterations})
    return result.x[:d * c].reshape(d, c), result.x[d * c:]


def _balanced(labels: np.ndarray) -> np.ndarray:
    """Weights that give every class the same total weight."""
    counts = np.bincount(labels, minlength=len(CLASSES)).astype(float)
    return (len(labels) / (len(CLASSES) * np.maximum(counts, 1)))[labels]


def _cut(scores: np.ndarray, share: float) -> float:
    """The score above which at most `share` of these scores lie."""
    ordered = np.sort(scores)[::-1]
    if len(ordered) == 0:
        return 0.5
    return float(min(0.99, max(ordered[min(len(ordered) - 1, int(np.floor(share * len(ordered))))], 0.2)))


def thresholds(probabilities: np.ndarray, labels: np.ndarray, max_false_positive: float) -> dict[str, float]:
    """Per tone class, the threshold that flags at most that share of fine sentences; likewise for the call's two.

    calm_conflict's threshold is set against the neutral and routine sentences, routine_boundary's
    against the neutral and calm-conflict ones.
    """
    index = {name: CLASSES.index(name) for name in CLASSES}
    fine = np.isin(labels, [index[f] for f in FINE])
    found = {name: _cut(probabilities[fine, index[name]], max_false_positive) for name in FLAGGED}
    for name, others in (("calm_conflict", ("neutral", "routine_boundary")),
                         ("routine_boundary", ("neutral", "calm_conflict"))):
        rest = np.isin(labels, [index[o] for o in others])
        found[name] = _cut(probabilities[rest, index[name]], 4 * max_false_positive)
    return found


def train(lang: str, sentences: list[Sentence], embeddings: np.ndarray, settings: Settings = Settings()) -> Head:
    """One language's head: fit on folds 0–7, thresholds on folds 8–9."""
    labels = np.array([CLASSES.index(s.label) for s in sentences])
    held = np.array([s.fold in CALIBRATION_FOLDS for s in sentences])
    x = design(sentences, embeddings, settings.dense_scale)
    w, b = fit(x[~held], labels[~held], _balanced(labels[~held]), settings)
    head = Head(lang, CLASSES, w[:encoder.DIMENSIONS].astype(np.float32), w[encoder.DIMENSIONS:].astype(np.float32),
                b.astype(np.float32), settings.dense_scale, {})
    calibration = [s for s, h in zip(sentences, held) if h]
    probabilities = head.scores(embeddings[held], [s.text for s in calibration])
    return Head(head.lang, head.classes, head.dense, head.sparse, head.bias, head.dense_scale,
                thresholds(probabilities, labels[held], settings.max_false_positive))


def corpus_for(lang: str, folder, ruleset) -> list[Sentence]:
    """One language's training sentences: the corpus folder's, then the rules' examples."""
    from .corpus import dedupe, from_rules, read_folder

    return dedupe([s for s in read_folder(folder) + from_rules(ruleset) if s.lang == lang])


def train_language(lang: str, folder, ruleset, settings: Settings = Settings()) -> Head:
    """Embed one language's corpus and train its head."""
    sentences = corpus_for(lang, folder, ruleset)
    if not sentences:
        from ..errors import TactfulError

        raise TactfulError("invalid_corpus", f"{folder}: no sentences for {lang}")
    embeddings = np.concatenate([encoder.embed([s.text for s in sentences[i:i + 256]])
                                 for i in range(0, len(sentences), 256)])
    return train(lang, sentences, embeddings, settings)
