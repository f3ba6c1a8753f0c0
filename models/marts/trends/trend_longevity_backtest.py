"""Leave-one-out backtest of the trend longevity model, as rows of a metrics table (thin wrapper).

Same model and parameters as ``trend_longevity_predictions`` (YAML ``config:``); the backtest
itself is ``social_commerce.trends.backtest_lifespan`` (tested with pytest).
"""

from datetime import UTC, datetime

import polars as pl

from social_commerce.trends import (
    backtest_lifespan,
    backtest_metrics,
    early_features,
    enough_completed_trends,
)

MODEL_NAME = "trend_longevity_ridge"


def model(dbt, session):
    window_days = int(dbt.config.get("feature_window_days"))
    alpha = float(dbt.config.get("ridge_alpha"))
    daily = (
        dbt.ref("int_hashtag_daily")
        .project("hashtag, activity_date, post_count, view_count, search_interest_0_100")
        .pl()
    )
    lifecycle = (
        dbt.ref("trend_lifecycle")
        .project(
            "hashtag, emergence_date, lifespan_days, is_emergence_observed, "
            "is_lifecycle_complete, is_evergreen"
        )
        .pl()
    )
    features = early_features(daily, lifecycle, window_days)
    # Too few completed trends (a tiny extract): no rows rather than a failed build.
    result = backtest_lifespan(features, alpha=alpha) if enough_completed_trends(features) else None
    computed_at = datetime.now(UTC).replace(tzinfo=None)
    return backtest_metrics(result, MODEL_NAME, "leave_one_out").with_columns(
        pl.lit(computed_at, dtype=pl.Datetime("us")).alias("computed_at")
    )
