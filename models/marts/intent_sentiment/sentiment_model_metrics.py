"""Metrics of the sentiment model: cross-validated on the seed and against truth.

Thin wrapper over ``social_commerce.text`` (tested with pytest). Split ``cv``: stratified k-fold
on the labelled seed (``labelled_sentiment``), for the hybrid model and the lexicon alone. Split
``truth``: the labels and scores of ``fct_text_sentiment`` on tweets, Reddit submissions and
Reddit comments against the generator's true sentiment of each mention
(``stg_truth__mention_sentiment``; no rows without truth). Truth is read here only to score the
model, never as a feature.
"""

from datetime import UTC, datetime

import numpy as np
import polars as pl
from sklearn.metrics import accuracy_score, f1_score

from social_commerce.memo import memoized
from social_commerce.text import cross_validate_sentiment
from social_commerce.text.intent import metric_frame
from social_commerce.text.sentiment import MODEL_NAME

LABELS = ["negative", "neutral", "positive"]
SOURCE_KINDS = {"x": ["tweet"], "reddit": ["reddit_submission", "reddit_comment"]}


def truth_metrics(joined: pl.DataFrame) -> dict[str, float]:
    """Accuracy and macro F1 of the labels, Pearson r of the scores, against truth."""
    true_label = joined["true_label"].to_numpy()
    label = joined["sentiment_label"].to_numpy()
    metrics = {
        "accuracy": float(accuracy_score(true_label, label)),
        "macro_f1": float(f1_score(true_label, label, labels=LABELS, average="macro")),
    }
    score, true_score = joined["sentiment_score"].to_numpy(), joined["true_score"].to_numpy()
    if joined.height > 2 and np.std(score) > 0 and np.std(true_score) > 0:
        metrics["pearson_r_score"] = float(np.corrcoef(score, true_score)[0, 1])
    return metrics


def model(dbt, session):
    seed = dbt.ref("labelled_sentiment").project("text, cast(sentiment as integer) as label").pl()
    texts, labels = seed["text"], seed["label"].to_numpy()
    folds, cv_seed = int(dbt.config.get("cv_folds")), int(dbt.config.get("seed"))
    # the cross-validation depends only on the seed, the folds and the code: kept between builds
    frames = [
        memoized(
            "cross_validate_sentiment",
            lambda: cross_validate_sentiment(texts, labels, folds=folds, seed=cv_seed),
            texts,
            labels,
            folds,
            cv_seed,
        )
    ]
    scored = (
        dbt.ref("fct_text_sentiment")
        .filter("source_kind in ('tweet', 'reddit_submission', 'reddit_comment')")
        .project("text_id, source_kind, sentiment_score, sentiment_label")
        .pl()
    )
    truth = (
        dbt.ref("stg_truth__mention_sentiment")
        .project(
            "mention_id as text_id, mention_source, sentiment_score as true_score, "
            "sentiment_label as true_label"
        )
        .pl()
    )
    kinds = pl.DataFrame(
        [(source, kind) for source, ks in SOURCE_KINDS.items() for kind in ks],
        schema=["mention_source", "source_kind"],
        orient="row",
    )
    joined = (
        scored.join(kinds, on="source_kind")
        .join(truth, on=["text_id", "mention_source"], how="inner")
        .drop_nulls(["true_label", "true_score"])
    )
    if joined.height > 0:
        frames.append(metric_frame(MODEL_NAME, truth_metrics(joined), "truth", joined.height))
    return pl.concat(frames).with_columns(
        pl.lit(datetime.now(UTC).replace(tzinfo=None)).alias("computed_at")
    )
