"""Purchase intent of social comments: level 0-3 with calibrated probabilities.

Levels (see LABELLING_GUIDE.md): 0 none / irrelevant / spam / negation / sarcasm, 1 interest
("so cute"), 2 consideration ("where is this from? link?"), 3 purchase or commitment ("just
ordered 2"). The model is a multinomial logistic regression over the hashed features of
:mod:`social_commerce.text.features` plus the log-counts of hand-listed cue words per kind
(``intent_cues.tsv``: "link", "where", "ordered", "cart", "dónde", "comprei" ...; they carry
some signal to phrasings and languages the seed lacks), calibrated by temperature scaling on
held-out folds (:mod:`social_commerce.text.linear`). The seed is near balanced across levels;
pass ``prior=`` to :func:`score_intent` to re-weight to a known level mix (label shift).

Outputs of :func:`score_intent`: ``p_level_0`` .. ``p_level_3`` (calibrated, summing to 1),
``intent_probability`` = P(level >= 2) = ``p_level_2 + p_level_3``, and ``intent_level`` =
the most probable level (argmax of the calibrated probabilities). A text without any word,
emoji or punctuation (empty, blank, only symbols) is level 0 with probability 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import polars as pl
from sklearn.metrics import (
    accuracy_score,
    brier_score_loss,
    cohen_kappa_score,
    f1_score,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedKFold

from social_commerce.errors import UserError
from social_commerce.text import data
from social_commerce.text.features import FEATURES_VERSION, Tokens, featurize_triplets, tokenize
from social_commerce.text.linear import LinearTextModel, train_linear

#: Bump when training changes: cached models are keyed by it (with the seed and features).
MODEL_VERSION = "intent-1"
MODEL_NAME = "intent_logreg_hashed_ngrams"
SEED_FILE = "labelled_comments.csv"
LEVELS = np.array([0, 1, 2, 3])
#: Texts scored per batch: keeps the working arrays in cache (faster than one huge batch).
SCORE_BATCH = 2048

IntentModel = LinearTextModel
CUES_FILE = Path(__file__).with_name("intent_cues.tsv")
CUE_KINDS = ("none", "interest", "consider", "buy")
#: Scale of the cue-count columns in the model's input (larger = weaker L2 penalty on them).
CUE_WEIGHT = 1.5


@lru_cache(maxsize=1)
def _cues() -> tuple[np.ndarray, np.ndarray]:
    """Sorted word hashes of the cue words and the index of their kind in CUE_KINDS."""
    frame = pl.read_csv(
        CUES_FILE,
        separator="\t",
        comment_prefix="#",
        has_header=False,
        new_columns=["token", "cue"],
        schema_overrides={"token": pl.String, "cue": pl.String},
        quote_char=None,
    )
    tok = tokenize(frame["token"])
    single = np.bincount(tok.word_doc, minlength=frame.height) == 1
    first = np.searchsorted(tok.word_doc, np.arange(frame.height))
    hashes = tok.word_hash[np.minimum(first, max(len(tok.word_hash) - 1, 0))][single]
    kinds = np.array([CUE_KINDS.index(c) for c in frame["cue"]])[single]
    order = np.argsort(hashes)
    return hashes[order], kinds[order]


def cue_features(texts: pl.Series) -> tuple[np.ndarray, Tokens]:
    """Per text: log-counts of the cue words of each kind (intent_cues.tsv), and the tokens.

    These columns generalize a little beyond the seed's phrasing (and across languages); the
    model learns their weights with everything else.
    """
    tok = tokenize(texts)
    keys, kinds = _cues()
    pos = np.minimum(np.searchsorted(keys, tok.word_hash), len(keys) - 1)
    hit = keys[pos] == tok.word_hash
    counts = np.zeros((tok.n_texts, len(CUE_KINDS)))
    for k in range(len(CUE_KINDS)):
        mask = hit & (kinds[pos] == k)
        counts[:, k] = np.bincount(tok.word_doc, weights=mask, minlength=tok.n_texts)
    return np.log1p(counts) * CUE_WEIGHT, tok


def _texts(texts: Sequence[str] | pl.Series) -> pl.Series:
    series = texts if isinstance(texts, pl.Series) else pl.Series(list(texts), dtype=pl.String)
    return series.cast(pl.String).fill_null("")


def train_intent_model(
    texts: Sequence[str] | pl.Series,
    levels: Sequence[int] | np.ndarray,
    *,
    seed: int = 42,
    c: float = 8.0,
    calibration_folds: int = 5,
) -> IntentModel:
    """Fit the intent model on labelled texts (levels 0-3)."""
    series = _texts(texts)
    y = np.asarray(levels, dtype=np.int64)
    if len(series) != len(y):
        raise ValueError(f"{len(series)} texts but {len(y)} levels")
    if len(np.unique(y)) < 2:
        raise UserError("intent training needs at least two different levels")
    if not np.isin(y, LEVELS).all():
        raise UserError("intent levels must be 0, 1, 2 or 3")
    cues, _ = cue_features(series)
    model = train_linear(
        series.to_list(),
        y,
        classes=LEVELS,
        seed=seed,
        c=c,
        calibration_folds=calibration_folds,
        extra=cues,
    )
    share = np.bincount(y, minlength=len(LEVELS)) / len(y)
    model.meta = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "n_rows": len(y),
        "level_share": share.tolist(),  # the training prior (see ``prior`` of score_intent)
    }
    return model


def default_intent_model() -> IntentModel:
    """The model trained on the shipped seed, from the cache or trained (and cached) now."""
    path = data.seed_path(SEED_FILE)
    key = data.cache_key(
        path.read_bytes(), FEATURES_VERSION, MODEL_VERSION, data.code_fingerprint()
    )
    name = f"intent-{key}.pkl"
    cached = data.load_cached(name)
    if isinstance(cached, LinearTextModel):
        return cached
    seed = data.read_seed(SEED_FILE, "text", "intent_level")
    model = train_intent_model(seed["text"], seed["label"].to_numpy())
    data.store_cached(name, model)
    return model


def _prior_ratio(model: IntentModel, prior: Sequence[float] | None) -> np.ndarray | None:
    if prior is None:
        return None
    target = np.asarray(prior, dtype=float)
    if target.shape != (len(LEVELS),) or (target < 0).any() or target.sum() <= 0:
        raise UserError("prior must be four non-negative shares of levels 0-3")
    trained = np.asarray(model.meta.get("level_share", np.full(len(LEVELS), 0.25)), dtype=float)
    return (target / target.sum()) / np.maximum(trained, 1e-6)


def intent_probabilities(
    texts: Sequence[str] | pl.Series,
    model: IntentModel,
    prior: Sequence[float] | None = None,
) -> np.ndarray:
    """Calibrated probabilities of levels 0-3, one row per text.

    ``prior``: shares of levels 0-3 in the data being scored, when known to differ from the
    training seed's (which is near balanced, while real comment streams are mostly level 0);
    probabilities are then re-weighted by prior / training share and renormalized (Bayes'
    rule under a label shift).
    """
    ratio = _prior_ratio(model, prior)
    series = _texts(texts)
    out = np.zeros((len(series), len(LEVELS)))
    for start in range(0, len(series), SCORE_BATCH):
        batch = series.slice(start, SCORE_BATCH)
        cues, tok = cue_features(batch)
        proba = model.predict_proba(
            featurize_triplets(batch, bits=model.bits, extra=cues, tokens=tok)
        )
        empty = np.bincount(tok.word_doc, minlength=tok.n_texts) == 0
        if ratio is not None:
            proba = proba * ratio
            proba /= proba.sum(axis=1, keepdims=True)
        proba[empty] = np.eye(len(LEVELS))[0]  # nothing to read: no intent
        out[start : start + len(batch)] = proba
    return out


def score_intent(
    texts: Sequence[str] | pl.Series,
    model: IntentModel | None = None,
    *,
    prior: Sequence[float] | None = None,
) -> pl.DataFrame:
    """``intent_level``, ``intent_probability`` and ``p_level_0..3`` per text (module doc).

    ``prior``: see :func:`intent_probabilities` (default: the seed's own level shares).
    """
    model = model if model is not None else default_intent_model()
    proba = intent_probabilities(texts, model, prior)
    return pl.DataFrame(
        {
            "intent_level": LEVELS[np.argmax(proba, axis=1)] if len(proba) else [],
            "intent_probability": proba[:, 2] + proba[:, 3],
            **{f"p_level_{level}": proba[:, i] for i, level in enumerate(LEVELS)},
        },
        schema={
            "intent_level": pl.Int8,
            "intent_probability": pl.Float64,
            **{f"p_level_{level}": pl.Float64 for level in LEVELS},
        },
    )


def expected_calibration_error(y_true: np.ndarray, prob: np.ndarray, bins: int = 10) -> float:
    """ECE of a binary probability: mean |accuracy - confidence| over equal-width bins."""
    y_true, prob = np.asarray(y_true, dtype=float), np.asarray(prob, dtype=float)
    which = np.minimum((prob * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(y_true[mask].mean() - prob[mask].mean())
    return float(total / max(len(prob), 1))


def intent_metrics(levels: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    """Metrics of predicted level probabilities against true levels."""
    levels = np.asarray(levels)
    predicted = LEVELS[np.argmax(proba, axis=1)]
    high = (levels >= 2).astype(int)
    p_high = proba[:, 2] + proba[:, 3]
    both = len(np.unique(high)) == 2
    return {
        "macro_f1": float(f1_score(levels, predicted, labels=LEVELS, average="macro")),
        "accuracy": float(accuracy_score(levels, predicted)),
        "roc_auc_level_ge_2": float(roc_auc_score(high, p_high)) if both else float("nan"),
        "brier_level_ge_2": float(brier_score_loss(high, p_high)),
        "ece_level_ge_2": expected_calibration_error(high, p_high),
        "quadratic_weighted_kappa": float(
            cohen_kappa_score(levels, predicted, weights="quadratic")
        ),
    }


def metric_frame(
    model_name: str, metrics: dict[str, float], split: str, n_rows: int
) -> pl.DataFrame:
    """Metric rows in the shape ``model_name, metric, split, value, n_rows``."""
    return pl.DataFrame(
        {
            "model_name": [model_name] * len(metrics),
            "metric": list(metrics),
            "split": [split] * len(metrics),
            "value": list(metrics.values()),
            "n_rows": [n_rows] * len(metrics),
        },
        schema={
            "model_name": pl.String,
            "metric": pl.String,
            "split": pl.String,
            "value": pl.Float64,
            "n_rows": pl.Int64,
        },
    )


def cross_validate_intent(
    texts: Sequence[str] | pl.Series,
    levels: Sequence[int] | np.ndarray,
    folds: int = 5,
    seed: int = 42,
) -> pl.DataFrame:
    """Stratified k-fold metrics of :func:`train_intent_model` (split ``cv``, pooled folds)."""
    series = _texts(texts)
    y = np.asarray(levels, dtype=np.int64)
    _, counts = np.unique(y, return_counts=True)
    folds = min(folds, int(counts.min()))
    if folds < 2:
        raise UserError("cross-validation needs at least two texts of every level")
    proba = np.zeros((len(y), len(LEVELS)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        model = train_intent_model(series.gather(train), y[train], seed=seed)
        proba[test] = intent_probabilities(series.gather(test), model)
    return metric_frame(MODEL_NAME, intent_metrics(y, proba), "cv", len(y))
