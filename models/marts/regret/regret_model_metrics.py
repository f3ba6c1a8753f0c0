"""Test metrics of the regret model, as rows of a metrics table (thin wrapper).

Refits the same deterministic model as ``regret_scores`` (same YAML ``config:``) with
``social_commerce.regret``. Split ``test``: ROC AUC, Brier score, log loss and calibration bins of
the lines ordered after the test cutoff, and ``roc_auc_oracle``: the AUC of the generator's true
regret probabilities (``stg_truth__order_line_regret``, read here only to score the model, never
as a feature) on the same lines against the same behavioural labels. The candidate kept on the
validation slice is ``model_kind`` in ``regret_scores``.
"""

from datetime import UTC, datetime

import numpy as np
import polars as pl

from social_commerce.regret import (
    metric_frame,
    regret_metrics,
    shared_fit_from_features,
)
from social_commerce.threads import on_one_thread


def model(dbt, session):
    return on_one_thread(_model, dbt)


def _model(dbt):
    features = dbt.ref("int_order_line_regret_features").pl()
    truth = (
        dbt.ref("stg_truth__order_line_regret")
        .project("cast(line_item_id as varchar) as order_line_id, regret_probability")
        .pl()
    )
    computed_at = datetime.now(UTC).replace(tzinfo=None)
    # dbt passes a model only the config keys its source names in literal dbt.config.get calls
    fit = shared_fit_from_features(
        features,
        test_share=float(dbt.config.get("test_share")),
        validation_share=float(dbt.config.get("validation_share")),
        random_state=int(dbt.config.get("random_state")),
    )
    if fit is None:
        # Too few labelled lines (a tiny extract): no rows rather than a failed build.
        metrics = {}
    else:
        fitted, split, frame = fit
        test = frame.filter(pl.Series(split.test)).join(truth, on="order_line_id", how="left")
        oracle = test["regret_probability"].fill_null(np.nan).to_numpy()
        metrics = regret_metrics(
            test["is_regret_observed"].to_numpy(),
            fitted.predict(test),
            oracle if truth.height > 0 else None,
            n_bins=int(dbt.config.get("calibration_bins")),
        )
    return metric_frame(metrics, "test").with_columns(
        pl.lit(computed_at, dtype=pl.Datetime("us")).alias("computed_at")
    )
