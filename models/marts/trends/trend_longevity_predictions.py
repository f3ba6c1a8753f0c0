"""Predicted lifespan of every fad hashtag from its first days after emergence (thin wrapper).

The logic lives in ``social_commerce.trends`` (tested with pytest): this model reads the refs,
calls it and returns a polars DataFrame. Parameters come from the model's YAML ``config:``.
"""

import polars as pl

from social_commerce.trends import FEATURES, early_features, predict_lifespan

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
    predictions = predict_lifespan(early_features(daily, lifecycle, window_days), alpha=alpha)
    return (
        predictions.join(lifecycle.select("hashtag", "emergence_date"), on="hashtag", how="left")
        .with_columns(
            pl.lit(MODEL_NAME).alias("model_name"),
            pl.lit(window_days, dtype=pl.Int64).alias("feature_window_days"),
            pl.lit(",".join(FEATURES)).alias("features_used"),
            (
                pl.col("emergence_date")
                + pl.duration(days=pl.col("predicted_lifespan_days").round(0).cast(pl.Int64))
            ).alias("predicted_fade_date"),
            pl.col("lifespan_days").cast(pl.Int64).alias("observed_lifespan_days"),
        )
        .select(
            "hashtag",
            "emergence_date",
            "predicted_lifespan_days",
            "predicted_lifespan_low_days",
            "predicted_lifespan_high_days",
            "predicted_fade_date",
            "observed_lifespan_days",
            "is_lifecycle_complete",
            *FEATURES,
            "feature_window_days",
            "features_used",
            "model_name",
        )
        .sort("hashtag")
    )
