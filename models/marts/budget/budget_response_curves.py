"""Diminishing-returns response curve per channel and creator tier (thin wrapper).

Fits ``revenue = a x spend^b`` on the weekly spend and attributed revenue of
``budget_weekly_performance`` with ``social_commerce.budget.fit_response_curves`` (tested with
pytest), holding out the last weeks to score the fit. Parameters come from the YAML ``config:``.
"""

import polars as pl

from social_commerce.budget import fit_response_curves


def model(dbt, session):
    min_weeks = int(dbt.config.get("min_weeks"))
    holdout_weeks = int(dbt.config.get("holdout_weeks"))
    weekly = (
        dbt.ref("budget_weekly_performance")
        .project("segment, segment_kind, week_start, spend_usd, attributed_revenue_usd")
        .pl()
    )
    kinds = weekly.select("segment", "segment_kind").unique()
    curves = fit_response_curves(
        weekly.select(
            "segment",
            "week_start",
            pl.col("spend_usd").alias("spend"),
            pl.col("attributed_revenue_usd").alias("revenue"),
        ),
        min_weeks=min_weeks,
        holdout_weeks=holdout_weeks,
    )
    return curves.join(kinds, on="segment", how="left").select(
        "segment", "segment_kind", pl.exclude("segment", "segment_kind")
    )
