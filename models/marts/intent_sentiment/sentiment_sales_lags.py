"""Correlation of brand mention sentiment with the brand's sales at every lag (thin wrapper).

The method lives in ``social_commerce.sentiment_sales.lagged_correlations`` (tested with pytest):
this model joins the daily sentiment and sales series per brand and calls it. Parameters come
from the model's YAML ``config:``.
"""

import polars as pl

from social_commerce.sentiment_sales import lagged_correlations


def daily_series(dbt) -> pl.DataFrame:
    """brand, activity_date, sentiment (null on days without mentions), sales (units sold)."""
    sentiment = (
        dbt.ref("brand_daily_sentiment")
        .project(
            "brand_name as brand, mention_date as activity_date, mean_sentiment_score as sentiment"
        )
        .pl()
    )
    sales = (
        dbt.ref("int_brand_daily_sales")
        .project("brand, sale_date as activity_date, units_sold as sales")
        .pl()
    )
    # days of both series only: sentiment is null on days without mentions, sales 0 on days
    # without orders; a day outside the sales window has no sales and is left out
    return sales.join(sentiment, on=["brand", "activity_date"], how="inner").select(
        "brand", "activity_date", "sentiment", pl.col("sales").cast(pl.Float64)
    )


def model(dbt, session):
    correlations = lagged_correlations(
        daily_series(dbt),
        max_lag=int(dbt.config.get("max_lag_days")),
        min_days=int(dbt.config.get("min_days")),
        trend_window=int(dbt.config.get("trend_window_days")),
    )
    return correlations.select(
        pl.col("brand").alias("brand_name"),
        "lag_days",
        pl.col("r").alias("correlation"),
        pl.col("n_days").cast(pl.Int64),
        "n_effective",
        "p_value",
    )
