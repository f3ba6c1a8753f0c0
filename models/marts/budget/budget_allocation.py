"""Optimal weekly budget allocation over channels and creator tiers for a grid of budgets.

Allocates each total budget so that the marginal ROAS of every funded segment is equal, over the
response curves of ``budget_response_curves`` (``social_commerce.budget.optimal_allocation``,
tested with pytest). The grid is multiples of the current weekly spend, and no segment gets more
than a multiple of its current spend (YAML ``config:``).
"""

import polars as pl

from social_commerce.budget import budget_grid, optimal_allocation


def model(dbt, session):
    multiples = [float(value) for value in dbt.config.get("budget_multiples")]
    max_multiple = float(dbt.config.get("max_multiple_of_current"))
    curves = dbt.ref("budget_response_curves").pl()
    current_total = float(curves["mean_weekly_spend"].fill_null(0).sum())
    budgets = budget_grid(current_total, multiples=multiples)
    allocation = optimal_allocation(curves, budgets, max_multiple_of_current=max_multiple)
    return allocation.select(
        "total_budget",
        (pl.col("total_budget") / current_total if current_total > 0 else pl.lit(None))
        .cast(pl.Float64)
        .alias("budget_multiple_of_current"),
        pl.exclude("total_budget"),
    )
