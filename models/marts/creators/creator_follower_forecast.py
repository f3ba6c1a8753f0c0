"""Followers of every creator account 30 and 90 days after its latest snapshot (thin wrapper).

The logic lives in ``social_commerce.creators.forecast_followers`` (tested with pytest): this
model reads the daily series, calls it and returns a polars DataFrame. Parameters come from the
model's YAML ``config:``.
"""

import polars as pl

from social_commerce.creators import forecast_followers

MODEL_NAME = "creator_follower_forecast_loglinear"


def model(dbt, session):
    horizons = [int(h) for h in dbt.config.get("horizons_days")]
    fit_window_days = int(dbt.config.get("fit_window_days"))
    min_fit_days = int(dbt.config.get("min_fit_days"))
    low_q = float(dbt.config.get("interval_low_quantile"))
    high_q = float(dbt.config.get("interval_high_quantile"))
    daily = (
        dbt.ref("fct_creator_daily_growth")
        .project("creator_username, platform, follower_date, follower_count")
        .pl()
    )
    forecast = forecast_followers(
        daily,
        horizons=horizons,
        fit_window_days=fit_window_days,
        min_fit_days=min_fit_days,
        interval_quantiles=(low_q, high_q),
    )
    return forecast.with_columns(
        (pl.col("platform") + ":" + pl.col("creator_username")).alias("creator_platform_id"),
        pl.lit(MODEL_NAME).alias("model_name"),
    ).select(
        "creator_platform_id",
        "creator_username",
        "platform",
        "horizon_days",
        pl.col("last_date").alias("last_observed_date"),
        pl.col("last_count").alias("last_observed_followers"),
        "forecast_date",
        "followers_forecast",
        "followers_forecast_low",
        "followers_forecast_high",
        "daily_growth_rate",
        "fit_days",
        "model_name",
    )
