"""Metrics of the comment buying-intent model: cross-validated on the seed and against truth.

Thin wrapper over ``social_commerce.text`` (tested with pytest). Split ``cv``: stratified k-fold
on the labelled seed (``labelled_comments``). Split ``truth``: the scores of ``fct_comment_intent``
against the generator's true intent level of each comment (``stg_truth__comment_intent``; no rows
without truth). Truth is read here only to score the model, never as a feature.
"""

from datetime import UTC, datetime

import numpy as np
import polars as pl

from social_commerce.memo import memoized
from social_commerce.text import cross_validate_intent
from social_commerce.text.intent import MODEL_NAME, intent_metrics, metric_frame

PROBABILITIES = ["p_level_0", "p_level_1", "p_level_2", "p_level_3"]


def model(dbt, session):
    seed = dbt.ref("labelled_comments").project("text, cast(intent_level as integer) as level").pl()
    texts, labels = seed["text"], seed["level"].to_numpy()
    folds, cv_seed = int(dbt.config.get("cv_folds")), int(dbt.config.get("seed"))
    # the cross-validation depends only on the seed, the folds and the code: kept between builds
    frames = [
        memoized(
            "cross_validate_intent",
            lambda: cross_validate_intent(texts, labels, folds=folds, seed=cv_seed),
            texts,
            labels,
            folds,
            cv_seed,
        )
    ]
    scored = dbt.ref("fct_comment_intent").project("comment_id, " + ", ".join(PROBABILITIES)).pl()
    truth = dbt.ref("stg_truth__comment_intent").project("comment_id, intent_level").pl()
    joined = scored.join(truth, on="comment_id", how="inner").drop_nulls("intent_level")
    if joined.height > 0:
        proba = joined.select(PROBABILITIES).to_numpy()
        metrics = intent_metrics(joined["intent_level"].to_numpy(), proba)
        metrics = {name: value for name, value in metrics.items() if np.isfinite(value)}
        frames.append(metric_frame(MODEL_NAME, metrics, "truth", joined.height))
    return pl.concat(frames).with_columns(
        pl.lit(datetime.now(UTC).replace(tzinfo=None)).alias("computed_at")
    )
