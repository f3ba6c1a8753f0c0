"""Calibrated regret probability of every order line (thin wrapper).

Trains ``social_commerce.regret`` (tested with pytest) on ``int_order_line_regret_features``:
purchase-time features only, a time-based split with an embargo, the better of a logistic
regression and gradient-boosted trees on a time-ordered validation slice, Platt-calibrated on it.
Parameters come from YAML ``config:`` (the same in ``regret_model_metrics`` and
``regret_model_drivers``, which refit the same deterministic model).
"""

import polars as pl
from threadpoolctl import threadpool_limits

from social_commerce.memo import shared_in_process
from social_commerce.regret import fit_from_features, score_lines

SCHEMA = {
    "order_line_id": pl.String,
    "order_id": pl.String,
    "ordered_at": pl.Datetime("us"),
    "regret_probability": pl.Float64,
    "is_regret_observed": pl.Boolean,
    "split": pl.String,
    "model_kind": pl.String,
}


def model(dbt, session):
    # One thread for scikit-learn's OpenMP/BLAS pools: dbt runs two models at once on the two
    # cores, and a pool per model oversubscribes them and spins (the regret fit took 130 s with
    # the default pools and 5-10 s with one thread on the reference machine; the k-means of the
    # creator clusters 51 s and 2 s). Results are the same (to float rounding of BLAS sums).
    with threadpool_limits(1):
        result = _model(dbt)
    return result


def _model(dbt):
    features = dbt.ref("int_order_line_regret_features").pl()
    test_share = float(dbt.config.get("test_share"))
    validation_share = float(dbt.config.get("validation_share"))
    random_state = int(dbt.config.get("random_state"))
    try:
        # regret_scores, regret_model_metrics and regret_model_drivers fit the same model on the
        # same rows: it is fitted once per build and shared (the fit sorts the rows itself)
        fitted, split, frame = shared_in_process(
            "regret_fit",
            lambda: fit_from_features(
                features,
                test_share=test_share,
                validation_share=validation_share,
                random_state=random_state,
            ),
            features.sort("ordered_at", "order_line_id"),
            test_share,
            validation_share,
            random_state,
        )
    except ValueError:
        # Too few labelled lines (a tiny extract): no rows rather than a failed build.
        return pl.DataFrame(schema=SCHEMA)
    scores = score_lines(fitted, split, frame)
    return (
        frame.select(
            "order_line_id",
            "order_id",
            pl.col("ordered_at").cast(pl.Datetime("us")),
            # the label only where its window closed inside the data
            pl.when(pl.col("is_label_window_complete")).then(pl.col("is_regret_observed")),
        )
        .join(scores, on="order_line_id", how="inner")
        .select(list(SCHEMA))
    )
