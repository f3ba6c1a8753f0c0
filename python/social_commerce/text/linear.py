"""A calibrated multinomial logistic model over hashed text features, scored without sklearn.

Training uses sklearn's ``LogisticRegression`` (multinomial, L2, balanced class weights, sag
solver, fit on the columns the training rows use: the others keep weight 0 under L2).
Calibration is *temperature scaling with class offsets* fit on out-of-fold
decision scores: the logits ``z`` of a text become ``softmax(z / T + b)``, with ``T`` and ``b``
chosen to minimize the log-loss of held-out folds. Unlike a one-vs-rest sigmoid or isotonic step
it keeps the probabilities of all classes coherent (they sum to 1, and sums such as
P(level >= 2) are calibrated too), and it has few parameters, which suits small seeds.
Scoring only needs the coefficient matrix: ``features.Triplets.dot`` then a softmax.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import log_softmax, softmax
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from social_commerce.text.features import DEFAULT_BITS, Triplets, featurize_triplets


@dataclass
class LinearTextModel:
    """Coefficients, intercepts and calibration of a multinomial text classifier."""

    classes: np.ndarray  # label of each output column
    coef: np.ndarray  # (n_features, n_classes) float32 (half the memory traffic of float64)
    intercept: np.ndarray  # (n_classes,)
    temperature: float = 1.0
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(0))
    bits: int = DEFAULT_BITS
    meta: dict[str, object] = field(default_factory=dict)

    def logits(self, triplets: Triplets) -> np.ndarray:
        """Uncalibrated decision scores, one column per class."""
        return triplets.dot(self.coef) + self.intercept

    def calibrate(self, logits: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from decision scores."""
        offsets = self.offsets if len(self.offsets) else np.zeros(logits.shape[1])
        return softmax(logits / self.temperature + offsets, axis=1)

    def predict_proba(self, triplets: Triplets) -> np.ndarray:
        """Calibrated class probabilities."""
        return self.calibrate(self.logits(triplets))


def _fit_logreg(x, y: np.ndarray, c: float, seed: int) -> LogisticRegression:
    model = LogisticRegression(
        C=c, class_weight="balanced", solver="sag", tol=1e-3, max_iter=300, random_state=seed
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(x, y)


def _used_columns(x: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray]:
    """The matrix restricted to the columns some row uses (L2 leaves the others at 0)."""
    used = np.unique(x.indices)
    return x[:, used], used


def _as_coef(model: LogisticRegression, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    coef = np.zeros((model.coef_.shape[1], len(classes)))
    intercept = np.zeros(len(classes))
    if len(model.classes_) == 2 and model.coef_.shape[0] == 1:  # binary: one column
        weights = [-model.coef_[0] / 2, model.coef_[0] / 2]
        biases = [-model.intercept_[0] / 2, model.intercept_[0] / 2]
    else:
        weights, biases = list(model.coef_), list(model.intercept_)
    for label, w, b in zip(model.classes_, weights, biases, strict=True):
        j = int(np.flatnonzero(classes == label)[0])
        coef[:, j], intercept[j] = w, b
    # classes never seen in training keep a very low score
    unseen = ~np.isin(classes, model.classes_)
    intercept[unseen] = -20.0
    return coef, intercept


def fit_temperature(logits: np.ndarray, y_index: np.ndarray) -> tuple[float, np.ndarray]:
    """Temperature and class offsets minimizing the log-loss of held-out decision scores."""
    k = logits.shape[1]

    def loss(params: np.ndarray) -> float:
        t = np.exp(params[0])
        logp = log_softmax(logits / t + params[1:], axis=1)
        # light ridge on the offsets: few rows per class must not make them extreme
        return -logp[np.arange(len(y_index)), y_index].mean() + 0.01 * np.sum(params[1:] ** 2)

    result = minimize(loss, np.zeros(k + 1), method="L-BFGS-B")
    temperature = float(np.clip(np.exp(result.x[0]), 0.05, 20.0))
    return temperature, np.asarray(result.x[1:])


def train_linear(
    texts: list[str],
    labels: np.ndarray,
    *,
    classes: np.ndarray,
    seed: int = 42,
    c: float = 4.0,
    calibration_folds: int = 5,
    extra: np.ndarray | None = None,
    bits: int = DEFAULT_BITS,
) -> LinearTextModel:
    """Fit the logistic model on all rows and its calibration on out-of-fold scores."""
    labels = np.asarray(labels)
    full = featurize_triplets(texts, bits=bits, extra=extra).to_csr()
    x, used = _used_columns(full)
    model = _fit_logreg(x, labels, c, seed)
    small_coef, intercept = _as_coef(model, classes)
    coef = np.zeros((full.shape[1], len(classes)), dtype=np.float32)
    coef[used] = small_coef
    result = LinearTextModel(classes=classes, coef=coef, intercept=intercept, bits=bits)
    _, counts = np.unique(labels, return_counts=True)
    folds = min(calibration_folds, int(counts.min())) if len(counts) > 1 else 0
    if folds >= 2:
        oof = np.zeros((len(labels), len(classes)))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        for train, test in splitter.split(np.zeros(len(labels)), labels):
            fold = _fit_logreg(x[train], labels[train], c, seed)
            fold_coef, fold_intercept = _as_coef(fold, classes)
            oof[test] = x[test] @ fold_coef + fold_intercept
        y_index = np.searchsorted(classes, labels)
        result.temperature, result.offsets = fit_temperature(oof, y_index)
    return result
