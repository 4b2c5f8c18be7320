"""Train the heads from the corpus, deterministically, and set their thresholds on drafts they never saw.

The training material is the corpus folder's sentences, every tone rule's examples and the
sentences cut from the marked training drafts (weighted up: they are sentences in the
context of whole e-mails, like the ones the pass will meet); whatever has stable fold 8 or 9
(a CRC-32 of the sentence, or of the draft it comes from) is kept out of the fit.

The thresholds come from the calibration drafts (`calibration/<lang>/drafts.jsonl`): drafts
written blind by other people, which the head never trains on. Held-back training drafts
proved too easy for this — they share their writers with the training drafts, and thresholds
set on them let through four times more on drafts by anyone else. So:

- one threshold for every tone class, so that the rules and the learned pass together flag at
  most `max_ok_drafts` of the calibration drafts that are fine to send (the pass gets what the
  rules leave of that share);
- and, when the calibration holds polite texts of other genres (`calibration/<lang>/polite.jsonl`:
  requests, questions, chat messages, written blind), so that the two together flag at most
  `max_ok_drafts` of those too (the stricter of the two thresholds wins);
- calm_conflict's, so that at most `max_polite_calls` of the calibration's polite drafts reach it;
- routine_boundary's, against the held-back neutral and calm-conflict sentences.

The optimiser (L-BFGS on the full batch, one BLAS thread) has no randomness, so the same
corpus, calibration drafts, rule packs and code give the same head.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import encoder, features
from .corpus import CLASSES, FLAGGED, Draft, Sentence
from .head import Head

CALIBRATION_FOLDS = frozenset({8, 9})
FINE = ("neutral", "routine_boundary", "calm_conflict")
MIN_DRAFTS = 20  # fewer calibration drafts than this: thresholds from held-back sentences instead


@dataclass(frozen=True)
class Settings:
    """Training choices (chosen on the blind development drafts; see README, How well it works)."""

    dense_scale: float = 1.0
    l2_dense: float = 3e-5
    l2_sparse: float = 3e-5
    draft_weight: float = 8.0
    max_ok_drafts: float = 0.045
    max_polite_calls: float = 0.02
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


def _balanced(labels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The sample weights scaled so that every class carries the same total weight."""
    totals = np.bincount(labels, weights=weights, minlength=len(CLASSES))
    return weights * (weights.sum() / (len(CLASSES) * np.maximum(totals, 1e-9)))[labels]


def _cut(scores, share: float) -> float:
    """The score above which at most `share` of these scores lie (clamped to [0.2, 0.99])."""
    ordered = np.sort(np.asarray(scores, dtype=float))[::-1]
    if len(ordered) == 0:
        return 0.5
    return float(min(0.99, max(ordered[min(len(ordered) - 1, int(np.floor(share * len(ordered))))], 0.2)))


def _sentence_thresholds(probabilities: np.ndarray, labels: np.ndarray, settings: Settings) -> dict[str, float]:
    """Thresholds from held-back sentences: each tone class flags at most max_false_positive of the fine ones."""
    index = {name: CLASSES.index(name) for name in CLASSES}
    fine = np.isin(labels, [index[f] for f in FINE])
    found = {name: _cut(probabilities[fine, index[name]], settings.max_false_positive) for name in FLAGGED}
    found["calm_conflict"] = _cut(probabilities[np.isin(labels, [index["neutral"], index["routine_boundary"]]),
                                                index["calm_conflict"]], 4 * settings.max_false_positive)
    found["routine_boundary"] = _cut(probabilities[np.isin(labels, [index["neutral"], index["calm_conflict"]]),
                                                   index["routine_boundary"]], 4 * settings.max_false_positive)
    return found


def _draft_thresholds(head: Head, drafts: list[Draft], settings: Settings) -> dict[str, float]:
    """The tone threshold and calm_conflict's, from whole calibration drafts (the pass flags per draft)."""
    fine = [d for d in drafts if d.ok]  # calm conflicts included: their tone is fine too
    scores = {d.id: head.scores(encoder.embed(list(d.texts)), list(d.texts)) for d in fine if d.texts}
    polite_cc = [float(scores[d.id][:, CLASSES.index("calm_conflict")].max()) if d.id in scores else 0.0
                 for d in fine if d.call == "no" and not d.polite]
    tone = max(_budget([d for d in fine if not d.polite], scores, settings.max_ok_drafts),
               _budget([d for d in fine if d.polite], scores, settings.max_ok_drafts))
    return {**{name: tone for name in FLAGGED}, "calm_conflict": _cut(polite_cc, settings.max_polite_calls)}


def _budget(fine: list[Draft], scores: dict[str, np.ndarray], share: float) -> float:
    """The tone threshold at which the rules and the pass together flag at most `share` of these fine drafts."""
    if not fine:
        return 0.2
    flagged = [CLASSES.index(c) for c in FLAGGED]
    unflagged = [float(scores[d.id][:, flagged].max()) if d.id in scores else 0.0 for d in fine if not d.rules_flag]
    left = int(np.floor(share * len(fine))) - sum(d.rules_flag for d in fine)
    return _cut(unflagged, left / max(len(unflagged), 1)) if left > 0 else 0.99


def train(lang: str, sentences: list[Sentence], embeddings: np.ndarray, calibration: list[Draft] = (),
          settings: Settings = Settings()) -> Head:
    """One language's head: fit on folds 0–7; thresholds on the calibration drafts (held-back sentences without)."""
    labels = np.array([CLASSES.index(s.label) for s in sentences])
    held = np.array([s.fold in CALIBRATION_FOLDS for s in sentences])
    weights = np.array([settings.draft_weight if s.draft else 1.0 for s in sentences])
    x = design(sentences, embeddings, settings.dense_scale)
    w, b = fit(x[~held], labels[~held], _balanced(labels[~held], weights[~held]), settings)
    head = Head(lang, CLASSES, w[:encoder.DIMENSIONS].astype(np.float32), w[encoder.DIMENSIONS:].astype(np.float32),
                b.astype(np.float32), settings.dense_scale, {})
    kept_out = [s for s, h in zip(sentences, held) if h]
    thresholds = _sentence_thresholds(head.scores(embeddings[held], [s.text for s in kept_out]), labels[held],
                                      settings)
    if sum(d.ok and d.call == "no" and not d.polite for d in calibration) >= MIN_DRAFTS:
        thresholds.update(_draft_thresholds(head, list(calibration), settings))
    return replace(head, thresholds=thresholds)


def corpus_for(lang: str, folder, ruleset) -> list[Sentence]:
    """One language's training sentences: the corpus folder's, the rules' examples, the training drafts'."""
    from .corpus import dedupe, from_rules, read_drafts, read_folder

    sentences = [s for s in read_folder(folder) + from_rules(ruleset) if s.lang == lang]
    sentences += [s for d in read_drafts(folder) if d.lang == lang for s in d.sentences]
    return dedupe(sentences)


def calibration_for(lang: str, folder) -> list[Draft]:
    """One language's calibration drafts (draft-level labels; never trained on)."""
    from .corpus import read_labelled_drafts

    return [d for d in read_labelled_drafts(folder) if d.lang == lang]


def train_language(lang: str, folder, ruleset, settings: Settings = Settings(), calibration_folder=None) -> Head:
    """Embed one language's corpus and train its head, its thresholds set on the calibration drafts."""
    from .corpus import CALIBRATION

    sentences = corpus_for(lang, folder, ruleset)
    held_drafts = calibration_for(lang, calibration_folder or CALIBRATION)
    if not sentences:
        from ..errors import TactfulError

        raise TactfulError("invalid_corpus", f"{folder}: no sentences for {lang}")
    embeddings = np.concatenate([encoder.embed([s.text for s in sentences[i:i + 256]])
                                 for i in range(0, len(sentences), 256)])
    return train(lang, sentences, embeddings, held_drafts, settings)
