"""Per brand: does mention sentiment lead sales, by how many days, and what to do (thin wrapper).

The method lives in ``social_commerce.sentiment_sales`` (tested with pytest): ``best_leads`` picks
each brand's best lag from ``sentiment_sales_lags`` (Holm-adjusted over the lags tested) and
``sentiment_insights`` writes the sentence and recommendation from those numbers only; the
overall row uses the lead pooled over all brands (``pooled_correlations``).
"""

import polars as pl

from social_commerce.sentiment_sales import (
    OVERALL,
    best_leads,
    pooled_correlations,
    sentiment_insights,
)


def model(dbt, session):
    correlations = (
        dbt.ref("sentiment_sales_lags")
        .project(
            "brand_name as brand, lag_days, correlation as r, "
            "cast(n_days as uinteger) as n_days, n_effective, p_value"
        )
        .pl()
    )
    alpha = float(dbt.config.get("alpha"))
    best = best_leads(correlations, alpha=alpha)
    # the overall row speaks for all brands at once: the lead of the correlations pooled over
    # brands (inverse-variance weighted), which finds a lead too weak to show in any one brand
    pooled = (
        best_leads(pooled_correlations(correlations), alpha=alpha) if correlations.height else None
    )
    insights = sentiment_insights(best, pooled=pooled)
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
