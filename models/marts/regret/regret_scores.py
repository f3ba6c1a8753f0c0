"""Calibrated regret probability of every order line (thin wrapper).

Trains ``social_commerce.regret`` (tested with pytest) on ``int_order_line_regret_features``:
purchase-time features only, a time-based split with an embargo, the better of a logistic
regression and gradient-boosted trees on a time-ordered validation slice, Platt-calibrated on it.
Parameters come from YAML ``config:`` (the same in ``regret_model_metrics`` and
``regret_model_drivers``, which refit the same deterministic model).
"""

import polars as pl

from social_commerce.regret import score_lines, shared_fit_from_features
from social_commerce.threads import on_one_thread

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
    return on_one_thread(_model, dbt)


def _model(dbt):
    features = dbt.ref("int_order_line_regret_features").pl()
    # dbt passes a model only the config keys its source names in literal dbt.config.get calls
    fit = shared_fit_from_features(
        features,
        test_share=float(dbt.config.get("test_share")),
        validation_share=float(dbt.config.get("validation_share")),
        random_state=int(dbt.config.get("random_state")),
    )
    if fit is None:
        # Too few labelled lines (a tiny extract): no rows rather than a failed build.
        return pl.DataFrame(schema=SCHEMA)
    fitted, split, frame = fit
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
