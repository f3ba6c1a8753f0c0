"""Sentiment of reviews, tweets, Reddit posts and social comments: a score in -1..1 and a label.

A hybrid of two parts:

1. **Lexicon** (``lexicon.tsv``, written for this project; rules after VADER, re-implemented
   here): each word or emoji has a valence (-4..4). A booster in the two words before a word
   ("so", "really", "kinda") moves its valence away from (or toward) 0 by 0.293; an ALL-CAPS
   word in a text that is not all caps gets 0.733 more; a word in a negation scope (see
   :mod:`features`) is multiplied by -0.74; in a text with "but" (or "however", "pero",
   "mais") the words before it count 0.5 and those after it 1.5. The sum ``S`` gets 0.292
   more per "!" token (up to 4), and the text's lexicon score is ``S / sqrt(S**2 + 15)``.
   Everything is vectorized over words (numpy), as in :mod:`features`.
2. **Model**: a multinomial logistic regression (classes -1, 0, 1) over the hashed features
   plus three lexicon columns (score, positive sum, negative sum), scaled by
   :data:`LEXICON_WEIGHT` so that the L2 penalty on them is small: the model can lean on the
   lexicon, which generalizes beyond the seed's vocabulary, and correct it with n-grams.
   Probabilities are calibrated by temperature scaling on held-out folds.

``sentiment_score`` = P(positive) - P(negative), ``sentiment_label`` = the most probable
class. Without a trained model (no seed rows of at least two classes) the lexicon alone is
used: score = lexicon score, label positive above 0.05, negative below -0.05. A text without
any word, emoji or punctuation is neutral with score 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import polars as pl
from scipy.stats import pearsonr
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from social_commerce.errors import UserError
from social_commerce.text import data
from social_commerce.text.features import (
    FEATURES_VERSION,
    Tokens,
    Triplets,
    featurize_triplets,
    tokenize,
)
from social_commerce.text.intent import metric_frame
from social_commerce.text.linear import LinearTextModel, train_linear

MODEL_VERSION = "sentiment-1"
MODEL_NAME = "sentiment_hybrid_lexicon_logreg"
LEXICON_MODEL_NAME = "sentiment_lexicon_only"
SEED_FILE = "labelled_sentiment.csv"
LEXICON_FILE = Path(__file__).with_name("lexicon.tsv")
CLASSES = np.array([-1, 0, 1])
LABELS = np.array(["negative", "neutral", "positive"])
#: Scale of the lexicon columns in the model's input (a larger scale = a weaker L2 penalty).
LEXICON_WEIGHT = 3.0
#: Lexicon-only label threshold on the lexicon score.
NEUTRAL_BAND = 0.05
SCORE_BATCH = 2048
_BOOST, _CAPS, _NEGATE, _EXCLAIM, _ALPHA = 0.293, 0.733, -0.74, 0.292, 15.0
_CONTRAST = ("but", "however", "pero", "mais", "aber", "mas")

SentimentModel = LinearTextModel


def _texts(texts: Sequence[str] | pl.Series) -> pl.Series:
    series = texts if isinstance(texts, pl.Series) else pl.Series(list(texts), dtype=pl.String)
    return series.cast(pl.String).fill_null("")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sorted hashes and values of valence words and boosters, and the contrast words."""
    frame = pl.read_csv(
        LEXICON_FILE,
        separator="\t",
        comment_prefix="#",
        has_header=False,
        new_columns=["token", "kind", "value"],
        schema_overrides={"token": pl.String, "kind": pl.String, "value": pl.Float64},
        quote_char=None,
    )
    tok = tokenize(frame["token"])
    words_per_entry = np.bincount(tok.word_doc, minlength=len(frame))
    single = words_per_entry == 1  # entries the tokenizer splits ("rip-off") cannot match
    first = np.searchsorted(tok.word_doc, np.arange(len(frame)))
    hashes = tok.word_hash[np.minimum(first, max(len(tok.word_hash) - 1, 0))]
    out = []
    for kind in ("valence", "booster"):
        mask = single & (frame["kind"] == kind).to_numpy()
        h, v = hashes[mask], frame["value"].to_numpy()[mask]
        order = np.argsort(h)
        out += [h[order], v[order]]
    contrast = np.sort(tokenize(list(_CONTRAST)).word_hash)
    return out[0], out[1], out[2], out[3], contrast


def _lookup(hashes: np.ndarray, keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    if len(keys) == 0:
        return np.zeros(len(hashes))
    pos = np.minimum(np.searchsorted(keys, hashes), len(keys) - 1)
    return np.where(keys[pos] == hashes, values[pos], 0.0)


def lexicon_scores(tokens: Tokens) -> np.ndarray:
    """Per text: (lexicon score in -1..1, positive sum, negative sum), module docstring rules."""
    val_keys, val_values, boost_keys, boost_values, contrast = _lexicon()
    n = tokens.n_texts
    doc = tokens.word_doc
    valence = _lookup(tokens.word_hash, val_keys, val_values)
    boost = _lookup(tokens.word_hash, boost_keys, boost_values)
    sign = np.sign(valence)
    for lag in (1, 2):
        prev = np.zeros(len(doc))
        if len(doc) > lag:
            same = doc[lag:] == doc[:-lag]
            prev[lag:] = np.where(same, boost[:-lag], 0.0)
        valence = valence + sign * prev * (0.95 if lag == 2 else 1.0)
    text_caps = tokens.caps_share[doc] > 0.8 if len(doc) else np.zeros(0, dtype=bool)
    valence = valence + sign * _CAPS * (tokens.word_all_caps & ~text_caps)
    valence = np.where(tokens.negated, valence * _NEGATE, valence)
    # "but" clauses: 0.5 before the (first) contrast word, 1.5 after it.
    is_contrast = np.isin(tokens.word_hash, contrast)
    seen = np.cumsum(is_contrast)
    doc_first = np.searchsorted(doc, np.arange(n))
    before_doc = np.concatenate(([0], seen))[doc_first]  # contrast words before each text
    seen_in_doc = seen - before_doc[doc] if len(doc) else seen
    total_in_doc = np.bincount(doc, weights=is_contrast, minlength=n)
    weight = np.where(seen_in_doc > 0, 1.5, np.where(total_in_doc[doc] > 0, 0.5, 1.0))
    valence = valence * weight
    total = np.bincount(doc, weights=valence, minlength=n)
    positive = np.bincount(doc, weights=np.maximum(valence, 0), minlength=n)
    negative = np.bincount(doc, weights=np.minimum(valence, 0), minlength=n)
    codes = tokens.codes
    first = np.ones(len(codes), dtype=bool)
    first[1:] = codes[:-1] == 32
    exclaim = np.bincount(tokens.code_doc, weights=first & (codes == 33), minlength=n)
    total = total + np.sign(total) * np.minimum(exclaim, 4) * _EXCLAIM
    score = total / np.sqrt(total * total + _ALPHA)
    return np.column_stack([score, positive / (positive + 4), negative / (4 - negative)])


def _lexicon_label(score: np.ndarray) -> np.ndarray:
    return np.where(score > NEUTRAL_BAND, 1, np.where(score < -NEUTRAL_BAND, -1, 0))


def _features(series: pl.Series, bits: int) -> tuple[Triplets, Tokens]:
    tok = tokenize(series)
    lex = lexicon_scores(tok)
    return featurize_triplets(series, bits=bits, extra=lex * LEXICON_WEIGHT, tokens=tok), tok


def train_sentiment_model(
    texts: Sequence[str] | pl.Series,
    sentiments: Sequence[int] | np.ndarray,
    *,
    seed: int = 42,
    c: float = 4.0,
    calibration_folds: int = 5,
) -> SentimentModel:
    """Fit the hybrid model on labelled texts (sentiment -1, 0 or 1)."""
    series = _texts(texts)
    y = np.asarray(sentiments, dtype=np.int64)
    if len(series) != len(y):
        raise ValueError(f"{len(series)} texts but {len(y)} labels")
    if not np.isin(y, CLASSES).all():
        raise UserError("sentiment labels must be -1, 0 or 1")
    if len(np.unique(y)) < 2:
        raise UserError("sentiment training needs at least two different labels")
    lex = lexicon_scores(tokenize(series)) * LEXICON_WEIGHT
    model = train_linear(
        series.to_list(),
        y,
        classes=CLASSES,
        seed=seed,
        c=c,
        calibration_folds=calibration_folds,
        extra=lex,
    )
    model.meta = {"name": MODEL_NAME, "version": MODEL_VERSION, "n_rows": len(y)}
    return model


def default_sentiment_model() -> SentimentModel | None:
    """The model trained on the shipped seed (cached), or None when the seed cannot train one."""
    path = data.seed_path(SEED_FILE)
    key = data.cache_key(
        path.read_bytes(), FEATURES_VERSION, MODEL_VERSION, data.code_fingerprint()
    )
    name = f"sentiment-{key}.pkl"
    cached = data.load_cached(name)
    if isinstance(cached, LinearTextModel):
        return cached
    seed = data.read_seed(SEED_FILE, "text", "sentiment")
    labels = seed["label"].to_numpy()
    _, counts = np.unique(labels, return_counts=True)
    if len(counts) < 2 or counts.min() < 2:
        return None
    model = train_sentiment_model(seed["text"], labels)
    data.store_cached(name, model)
    return model


def sentiment_probabilities(
    texts: Sequence[str] | pl.Series, model: SentimentModel | None
) -> tuple[np.ndarray, np.ndarray]:
    """(score per text, label index -1/0/1 per text); lexicon only when ``model`` is None."""
    series = _texts(texts)
    score = np.zeros(len(series))
    label = np.zeros(len(series), dtype=np.int64)
    for start in range(0, len(series), SCORE_BATCH):
        batch = series.slice(start, SCORE_BATCH)
        end = start + len(batch)
        if model is None:
            lex = lexicon_scores(tokenize(batch))
            score[start:end] = lex[:, 0]
            label[start:end] = _lexicon_label(lex[:, 0])
        else:
            triplets, tok = _features(batch, model.bits)
            proba = model.predict_proba(triplets)
            empty = np.bincount(tok.word_doc, minlength=tok.n_texts) == 0
            proba[empty] = (0.0, 1.0, 0.0)  # nothing to read: neutral
            score[start:end] = proba[:, 2] - proba[:, 0]
            label[start:end] = CLASSES[np.argmax(proba, axis=1)]
    return score, label


def score_sentiment(
    texts: Sequence[str] | pl.Series, model: SentimentModel | None = None, *, lexicon_only=False
) -> pl.DataFrame:
    """``sentiment_score`` (-1..1) and ``sentiment_label`` per text (module docstring)."""
    if model is None and not lexicon_only:
        model = default_sentiment_model()
    score, label = sentiment_probabilities(texts, None if lexicon_only else model)
    return pl.DataFrame(
        {"sentiment_score": score, "sentiment_label": LABELS[label + 1]},
        schema={"sentiment_score": pl.Float64, "sentiment_label": pl.String},
    )


def sentiment_metrics(labels: np.ndarray, score: np.ndarray, predicted: np.ndarray):
    """macro F1, accuracy and the Pearson correlation of the score with the label."""
    corr = pearsonr(score, labels)[0] if np.std(score) > 0 and np.std(labels) > 0 else np.nan
    return {
        "macro_f1": float(f1_score(labels, predicted, labels=CLASSES, average="macro")),
        "accuracy": float(accuracy_score(labels, predicted)),
        "score_label_correlation": float(corr),
    }


def cross_validate_sentiment(
    texts: Sequence[str] | pl.Series,
    sentiments: Sequence[int] | np.ndarray,
    folds: int = 5,
    seed: int = 42,
) -> pl.DataFrame:
    """Stratified k-fold metrics of the hybrid model, and of the lexicon alone (split ``cv``)."""
    series = _texts(texts)
    y = np.asarray(sentiments, dtype=np.int64)
    _, counts = np.unique(y, return_counts=True)
    folds = min(folds, int(counts.min()))
    if folds < 2:
        raise UserError("cross-validation needs at least two texts of every label")
    score = np.zeros(len(y))
    predicted = np.zeros(len(y), dtype=np.int64)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        model = train_sentiment_model(series.gather(train), y[train], seed=seed)
        score[test], predicted[test] = sentiment_probabilities(series.gather(test), model)
    lex_score, lex_label = sentiment_probabilities(series, None)
    return pl.concat(
        [
            metric_frame(MODEL_NAME, sentiment_metrics(y, score, predicted), "cv", len(y)),
            metric_frame(
                LEXICON_MODEL_NAME, sentiment_metrics(y, lex_score, lex_label), "cv", len(y)
            ),
        ]
    )
