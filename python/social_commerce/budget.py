"""Marketing budget: diminishing-returns response curves and the allocation they imply.

Pure functions on polars frames, meant for the dbt Python models of ``models/marts/budget``:

* :func:`fit_response_curves` fits, per segment (a channel such as ``paid_social`` or a creator
  tier such as ``creator_tier_mid``), the curve ``revenue = a * spend ** b`` to weekly spend and
  attributed revenue, by least squares on the log-log scale, and scores it on held-out last
  weeks (fitted on the earlier weeks only);
* :func:`optimal_allocation` splits each total weekly budget across the fitted segments so that
  the predicted revenue ``sum(a_i * x_i ** b_i)`` is largest, i.e. so that every funded segment
  earns the same marginal ROAS;
* :func:`budget_grid` lists the budgets around the current total worth comparing.

The elasticity ``b`` is clipped to ``b_bounds`` (default [0.05, 0.95]): below, spend would
barely matter (the optimum puts almost nothing there); at 1 or above, returns do not diminish
and the optimum is a corner (all budget in one segment). A clipped fit is flagged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import polars as pl

#: Default elasticity range: below 0.05 spend does not matter, at 1 returns stop diminishing.
DEFAULT_B_BOUNDS: tuple[float, float] = (0.05, 0.95)
#: Default fewest weeks with positive spend and revenue to fit a segment's curve on.
DEFAULT_MIN_WEEKS = 8
#: Default last weeks of each segment held out to score the curve fitted on the earlier ones.
DEFAULT_HOLDOUT_WEEKS = 4
#: Bisection steps on log(lambda): the bracket shrinks by 2**-200, far below float precision.
_BISECTION_STEPS = 200

#: Values of ``fit_status``.
FIT_STATUSES: tuple[str, ...] = ("ok", "b_clipped", "too_few_weeks", "no_spend_variation")
#: Values of ``allocation_status``.
ALLOCATION_STATUSES: tuple[str, ...] = ("interior", "at_min_share", "at_cap", "no_curve")


def _log_log_fit(positive: pl.DataFrame, b_bounds: tuple[float, float]) -> pl.DataFrame:
    """Per segment: n_fit_weeks, a, b, is_b_clipped and log-scale r_squared of ln y = ln a + b ln x.

    ``positive`` holds segment, spend and revenue of weeks with both positive. When ``b`` is
    clipped, ``ln a`` is refitted as the least-squares intercept for the clipped slope. Segments
    whose spend never varies get null parameters (``sxx`` is 0).
    """
    b_low, b_high = b_bounds
    x = pl.col("spend").log()
    y = pl.col("revenue").log()
    moments = positive.group_by("segment").agg(
        pl.len().alias("n_fit_weeks"),
        x.mean().alias("_x_mean"),
        y.mean().alias("_y_mean"),
        ((x - x.mean()) ** 2).sum().alias("_sxx"),
        ((x - x.mean()) * (y - y.mean())).sum().alias("_sxy"),
        ((y - y.mean()) ** 2).sum().alias("_syy"),
    )
    # relative threshold: spend constant up to rounding has no slope to learn
    has_variation = pl.col("_sxx") > 1e-12 * pl.col("n_fit_weeks")
    raw_b = pl.when(has_variation).then(pl.col("_sxy") / pl.col("_sxx"))
    params = moments.with_columns(raw_b.alias("_raw_b")).with_columns(
        pl.col("_raw_b").clip(b_low, b_high).alias("b"),
        ((pl.col("_raw_b") < b_low) | (pl.col("_raw_b") > b_high)).alias("is_b_clipped"),
    )
    params = params.with_columns(
        (pl.col("_y_mean") - pl.col("b") * pl.col("_x_mean")).alias("_log_a"),
    )
    residuals = (
        positive.join(params.select("segment", "_log_a", "b"), on="segment", how="inner")
        .group_by("segment")
        .agg(((y - pl.col("_log_a") - pl.col("b") * x) ** 2).sum().alias("_sse"))
    )
    return (
        params.join(residuals, on="segment", how="left")
        .with_columns(
            pl.col("_log_a").exp().alias("a"),
            pl.when(pl.col("_syy") > 0)
            .then(1.0 - pl.col("_sse") / pl.col("_syy"))
            .alias("r_squared"),
        )
        .select("segment", "n_fit_weeks", "a", "b", "is_b_clipped", "r_squared")
    )


def fit_response_curves(
    weekly: pl.DataFrame,
    *,
    min_weeks: int = DEFAULT_MIN_WEEKS,
    holdout_weeks: int = DEFAULT_HOLDOUT_WEEKS,
    b_bounds: tuple[float, float] = DEFAULT_B_BOUNDS,
) -> pl.DataFrame:
    """One diminishing-returns curve ``revenue = a * spend ** b`` per segment of ``weekly``.

    ``weekly``: segment, week_start (date), spend (USD), revenue (attributed revenue, USD), one
    row per segment and week. Only the rows given count: pass weeks without spend as rows with
    spend 0 (a dense segment x week grid), so that means and ROAS cover the whole calendar and
    ``mean_weekly_spend`` sums to the current weekly total. The curve is fitted by least squares
    of ``ln revenue`` on ``ln spend`` over the weeks where both are positive (``n_fit_weeks`` of
    them); ``b`` is clipped to ``b_bounds`` and ``a`` refitted for the clipped slope
    (``is_b_clipped``, fit_status ``b_clipped``). A segment with fewer than ``min_weeks`` such
    weeks is kept with fit_status ``too_few_weeks`` and null parameters; one whose spend never
    varies gets ``no_spend_variation`` and null parameters.

    Honest error: ``holdout_mape`` is the mean absolute percentage error of revenue over the
    segment's last ``holdout_weeks`` usable weeks, predicted by a curve fitted on its earlier
    weeks only (null when those are fewer than ``min_weeks``). The reported ``a`` and ``b`` are
    fitted on all usable weeks.

    Returns per segment: segment, n_weeks (all weeks), n_fit_weeks, a, b, is_b_clipped,
    r_squared (log scale, in-sample), holdout_weeks, holdout_mape, mean_weekly_spend,
    mean_weekly_revenue, current_roas (total revenue / total spend), marginal_roas_at_mean_spend
    (``a * b * mean_weekly_spend ** (b - 1)``), fit_status. Sorted by segment.
    """
    if min_weeks < 2:
        raise ValueError(f"min_weeks must be at least 2 (a line needs two points), got {min_weeks}")
    if holdout_weeks < 0:
        raise ValueError(f"holdout_weeks must not be negative, got {holdout_weeks}")
    b_low, b_high = b_bounds
    if not 0.0 < b_low <= b_high < 1.0:
        raise ValueError(f"b_bounds must satisfy 0 < low <= high < 1, got {b_bounds}")

    frame = weekly.select(
        pl.col("segment").cast(pl.String),
        pl.col("week_start"),
        pl.col("spend").cast(pl.Float64).fill_null(0.0),
        pl.col("revenue").cast(pl.Float64).fill_null(0.0),
    )
    summary = frame.group_by("segment").agg(
        pl.len().alias("n_weeks"),
        pl.col("spend").mean().alias("mean_weekly_spend"),
        pl.col("revenue").mean().alias("mean_weekly_revenue"),
        pl.when(pl.col("spend").sum() > 0)
        .then(pl.col("revenue").sum() / pl.col("spend").sum())
        .alias("current_roas"),
    )

    positive = frame.filter((pl.col("spend") > 0) & (pl.col("revenue") > 0)).with_columns(
        pl.col("week_start").rank("ordinal", descending=True).over("segment").alias("_recency")
    )
    full_fit = _log_log_fit(positive, b_bounds)

    train = positive.filter(pl.col("_recency") > holdout_weeks)
    train_fit = _log_log_fit(train, b_bounds).filter(pl.col("n_fit_weeks") >= min_weeks)
    holdout = (
        positive.filter(pl.col("_recency") <= holdout_weeks)
        .join(train_fit.select("segment", "a", "b"), on="segment", how="inner")
        .filter(pl.col("a").is_not_null())
        .group_by("segment")
        .agg(
            pl.len().alias("holdout_weeks"),
            (
                (pl.col("a") * pl.col("spend").pow(pl.col("b")) - pl.col("revenue")).abs()
                / pl.col("revenue")
            )
            .mean()
            .alias("holdout_mape"),
        )
    )

    enough = pl.col("n_fit_weeks").fill_null(0) >= min_weeks
    status = (
        pl.when(~enough)
        .then(pl.lit("too_few_weeks"))
        .when(pl.col("b").is_null())
        .then(pl.lit("no_spend_variation"))
        .when(pl.col("is_b_clipped"))
        .then(pl.lit("b_clipped"))
        .otherwise(pl.lit("ok"))
    )
    fitted = pl.col("fit_status").is_in(["ok", "b_clipped"])
    return (
        summary.join(full_fit, on="segment", how="left")
        .join(holdout, on="segment", how="left")
        .with_columns(
            pl.col("n_fit_weeks").fill_null(0).cast(pl.Int64),
            pl.col("n_weeks").cast(pl.Int64),
            status.alias("fit_status"),
        )
        .with_columns(
            pl.when(fitted).then(pl.col(name)).alias(name)
            for name in ("a", "b", "is_b_clipped", "r_squared", "holdout_weeks", "holdout_mape")
        )
        .with_columns(
            pl.when(fitted & (pl.col("mean_weekly_spend") > 0))
            .then(pl.col("a") * pl.col("b") * pl.col("mean_weekly_spend").pow(pl.col("b") - 1.0))
            .alias("marginal_roas_at_mean_spend"),
            pl.col("holdout_weeks").cast(pl.Int64),
        )
        .select(
            "segment",
            "n_weeks",
            "n_fit_weeks",
            "a",
            "b",
            "is_b_clipped",
            "r_squared",
            "holdout_weeks",
            "holdout_mape",
            "mean_weekly_spend",
            "mean_weekly_revenue",
            "current_roas",
            "marginal_roas_at_mean_spend",
            "fit_status",
        )
        .sort("segment")
    )


def _spend_at(
    log_lambda: float, log_ab: np.ndarray, b: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray:
    """Spend per segment whose marginal ROAS is exp(log_lambda), clipped to [lower, upper]."""
    log_x = np.clip((log_ab - log_lambda) / (1.0 - b), -700.0, 700.0)
    return np.clip(np.exp(log_x), lower, upper)


def _allocate(
    budget: float, a: np.ndarray, b: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray:
    """Spend per segment maximizing sum(a x**b) with sum(x) = budget and lower <= x <= upper.

    KKT: an interior segment's marginal ROAS ``a b x**(b-1)`` equals a common lambda, a segment
    at a bound has its bound. Total spend falls monotonically in lambda, so lambda is found by
    bisection on log(lambda). Caller guarantees sum(lower) <= budget <= sum(upper).
    """
    log_ab = np.log(a * b)
    # at lambda_i(B) = a b B**(b-1) segment i alone spends B: below the smallest of those every
    # segment spends at least B, above the largest at B/n every segment spends at most B/n
    n = len(a)
    lo = float(np.min(log_ab + (b - 1.0) * math.log(budget))) - 1.0
    hi = float(np.max(log_ab + (b - 1.0) * math.log(budget / n))) + 1.0
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        if _spend_at(mid, log_ab, b, lower, upper).sum() > budget:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-15 * max(1.0, abs(mid)):
            break
    spend = _spend_at(0.5 * (lo + hi), log_ab, b, lower, upper)
    # remove the last float residue from the interior segments, proportionally
    interior = (spend > lower) & (spend < upper)
    residue = budget - spend.sum()
    if interior.any() and spend[interior].sum() > 0:
        spend[interior] += residue * spend[interior] / spend[interior].sum()
    return spend


def optimal_allocation(
    curves: pl.DataFrame,
    budgets: Sequence[float],
    *,
    min_share: float = 0.0,
    max_multiple_of_current: float | None = None,
) -> pl.DataFrame:
    """Spend per segment that maximizes predicted revenue, for each total weekly budget.

    ``curves``: the output of :func:`fit_response_curves` (segment, a, b, mean_weekly_spend,
    fit_status). For each budget B, the spend x_i of the fitted segments maximizes
    ``sum(a_i * x_i ** b_i)`` subject to ``sum(x_i) = B``: with ``0 < b_i < 1`` the optimum
    equalizes marginal ROAS, ``x_i = (a_i b_i / lambda) ** (1 / (1 - b_i))``, lambda found by
    bisection on a log scale. Optional bounds: every fitted segment gets at least
    ``min_share * B``; with ``max_multiple_of_current``, at most that multiple of its current
    (mean weekly) spend. Segments at a bound are flagged (their marginal ROAS differs from the
    common one). Segments without a fitted curve get 0 and status ``no_curve``.

    Raises ``ValueError`` when the bounds make a budget infeasible (the minimum shares exceed
    it, or the caps sum to less than it) or when no segment has a fitted curve.

    Returns one row per budget x segment: total_budget, segment, current_spend,
    allocated_spend, allocation_share, predicted_revenue, predicted_roas, marginal_roas
    (null at zero spend), allocation_status. Sorted by total_budget, segment.
    """
    if not 0.0 <= min_share < 1.0:
        raise ValueError(f"min_share must be in [0, 1), got {min_share}")
    if max_multiple_of_current is not None and max_multiple_of_current <= 0:
        raise ValueError(f"max_multiple_of_current must be positive, got {max_multiple_of_current}")
    table = curves.select(
        pl.col("segment").cast(pl.String),
        pl.col("a").cast(pl.Float64),
        pl.col("b").cast(pl.Float64),
        pl.col("mean_weekly_spend").cast(pl.Float64).fill_null(0.0).alias("current_spend"),
        (
            pl.col("fit_status").is_in(["ok", "b_clipped"])
            & (pl.col("a") > 0)
            & pl.col("b").is_between(0.0, 1.0, closed="none")
        )
        .fill_null(False)
        .alias("_has_curve"),
    ).sort("segment")
    funded = table.filter(pl.col("_has_curve"))
    if funded.height == 0:
        raise ValueError("no segment has a fitted response curve")
    a = funded["a"].to_numpy()
    b = funded["b"].to_numpy()
    current = funded["current_spend"].to_numpy()

    frames = []
    for budget in budgets:
        budget = float(budget)
        if budget < 0 or not math.isfinite(budget):
            raise ValueError(f"budgets must be finite and non-negative, got {budget}")
        lower = np.full(len(a), min_share * budget)
        upper = (
            np.full(len(a), np.inf)
            if max_multiple_of_current is None
            else max_multiple_of_current * current
        )
        if lower.sum() > budget * (1.0 + 1e-12):
            raise ValueError(f"min_share {min_share} x {len(a)} segments exceeds the budget")
        if upper.sum() < budget * (1.0 - 1e-12):
            raise ValueError(
                f"budget {budget} exceeds the caps ({upper.sum()}) of max_multiple_of_current"
            )
        if np.any(lower > upper):
            raise ValueError("a segment's minimum share exceeds its cap")
        spend = np.zeros(len(a)) if budget == 0 else _allocate(budget, a, b, lower, upper)
        tolerance = 1e-9 * max(budget, 1.0)
        status = np.where(
            (min_share > 0) & (spend <= lower + tolerance),
            "at_min_share",
            np.where(spend >= upper - tolerance, "at_cap", "interior"),
        )
        frames.append(
            pl.DataFrame(
                {
                    "total_budget": np.full(len(a), budget),
                    "segment": funded["segment"],
                    "allocated_spend": spend,
                    "allocation_status": status,
                }
            )
        )
        unfunded = table.filter(~pl.col("_has_curve"))
        frames.append(
            pl.DataFrame(
                {
                    "total_budget": np.full(unfunded.height, budget),
                    "segment": unfunded["segment"],
                    "allocated_spend": np.zeros(unfunded.height),
                    "allocation_status": np.full(unfunded.height, "no_curve"),
                },
                schema={
                    "total_budget": pl.Float64,
                    "segment": pl.String,
                    "allocated_spend": pl.Float64,
                    "allocation_status": pl.String,
                },
            )
        )

    spend_col = pl.col("allocated_spend")
    positive = spend_col > 0
    return (
        pl.concat(frames)
        .join(table, on="segment", how="left")
        .with_columns(
            pl.when(pl.col("total_budget") > 0)
            .then(spend_col / pl.col("total_budget"))
            .otherwise(0.0)
            .alias("allocation_share"),
            pl.when(pl.col("_has_curve"))
            .then(pl.col("a") * spend_col.pow(pl.col("b")))
            .otherwise(0.0)
            .alias("predicted_revenue"),
        )
        .with_columns(
            pl.when(positive & pl.col("_has_curve"))
            .then(pl.col("predicted_revenue") / spend_col)
            .alias("predicted_roas"),
            pl.when(positive & pl.col("_has_curve"))
            .then(pl.col("a") * pl.col("b") * spend_col.pow(pl.col("b") - 1.0))
            .alias("marginal_roas"),
        )
        .select(
            "total_budget",
            "segment",
            "current_spend",
            "allocated_spend",
            "allocation_share",
            "predicted_revenue",
            "predicted_roas",
            "marginal_roas",
            "allocation_status",
        )
        .sort("total_budget", "segment")
    )


def budget_grid(
    current_total: float, multiples: Sequence[float] = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
) -> list[float]:
    """Total weekly budgets to compare: ``current_total`` times each of ``multiples``, ascending.

    Duplicates are dropped; a negative or non-finite total or multiple raises ``ValueError``.
    """
    if current_total < 0 or not math.isfinite(current_total):
        raise ValueError(f"current_total must be finite and non-negative, got {current_total}")
    if any(m < 0 or not math.isfinite(m) for m in multiples):
        raise ValueError(f"multiples must be finite and non-negative, got {multiples}")
    return sorted({float(current_total) * float(m) for m in multiples})
