"""Per brand: does mention sentiment lead sales, by how many days, and what to do (thin wrapper).

The method lives in ``social_commerce.sentiment_sales`` (tested with pytest): ``best_leads`` picks
each brand's best lag from ``sentiment_sales_lags`` (Holm-adjusted over the lags tested) and
``sentiment_insights`` writes the sentence and recommendation from those numbers only.
"""

import polars as pl

from social_commerce.sentiment_sales import OVERALL, best_leads, sentiment_insights


def model(dbt, session):
    correlations = (
        dbt.ref("sentiment_sales_lags")
        .project(
            "brand_name as brand, lag_days, correlation as r, "
            "cast(n_days as uinteger) as n_days, n_effective, p_value"
        )
        .pl()
    )
    best = best_leads(correlations, alpha=float(dbt.config.get("alpha")))
    insights = sentiment_insights(best)
    return (
        insights.join(
            best.select("brand", "n_days", "p_value", "n_lags_tested", "is_significant"),
            on="brand",
            how="left",
        )
        .with_columns((pl.col("brand") == OVERALL).alias("is_overall"))
        .select(
            pl.col("brand").alias("brand_name"),
            "is_overall",
            pl.col("lag_days").alias("best_lag_days"),
            pl.col("r").alias("best_correlation"),
            pl.col("n_days").cast(pl.Int64),
            "p_value",
            "p_value_adjusted",
            pl.col("n_lags_tested").cast(pl.Int64),
            "is_significant",
            "is_lead",
            "insight",
            "recommendation",
        )
    )
