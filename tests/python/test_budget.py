"""Response curves and budget allocation (social_commerce.budget) on hand-made frames."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from social_commerce.budget import (
    ALLOCATION_STATUSES,
    FIT_STATUSES,
    budget_grid,
    fit_response_curves,
    optimal_allocation,
)


def _weeks(n: int) -> list[date]:
    return [date(2026, 1, 5) + timedelta(weeks=i) for i in range(n)]


def _power_law(
    segment: str, a: float, b: float, spend: np.ndarray, noise: np.ndarray | None = None
) -> pl.DataFrame:
    revenue = a * spend**b * (np.exp(noise) if noise is not None else 1.0)
    return pl.DataFrame(
        {
            "segment": [segment] * len(spend),
            "week_start": _weeks(len(spend)),
            "spend": spend,
            "revenue": revenue,
        }
    )


def _curves(rows: list[tuple[str, float, float, float]]) -> pl.DataFrame:
    """segment, a, b, mean_weekly_spend of fitted curves."""
    return pl.DataFrame(
        {
            "segment": [r[0] for r in rows],
            "a": [r[1] for r in rows],
            "b": [r[2] for r in rows],
            "mean_weekly_spend": [r[3] for r in rows],
            "fit_status": ["ok"] * len(rows),
        }
    )


def test_exact_power_law_is_recovered() -> None:
    spend = np.linspace(100.0, 2000.0, 20)
    weekly = pl.concat(
        [_power_law("paid_social", 12.0, 0.6, spend), _power_law("paid_search", 3.0, 0.8, spend)]
    )
    curves = fit_response_curves(weekly, min_weeks=8, holdout_weeks=4)
    social = curves.filter(pl.col("segment") == "paid_social").row(0, named=True)
    assert social["a"] == pytest.approx(12.0, rel=1e-9)
    assert social["b"] == pytest.approx(0.6, rel=1e-9)
    assert social["r_squared"] == pytest.approx(1.0, abs=1e-12)
    assert social["holdout_mape"] == pytest.approx(0.0, abs=1e-9)
    assert social["holdout_weeks"] == 4
    assert social["n_weeks"] == 20 and social["n_fit_weeks"] == 20
    assert social["fit_status"] == "ok" and social["is_b_clipped"] is False
    mean_spend = float(spend.mean())
    assert social["mean_weekly_spend"] == pytest.approx(mean_spend)
    assert social["marginal_roas_at_mean_spend"] == pytest.approx(
        12.0 * 0.6 * mean_spend ** (0.6 - 1.0), rel=1e-9
    )
    revenue = 12.0 * spend**0.6
    assert social["current_roas"] == pytest.approx(revenue.sum() / spend.sum())
    search = curves.filter(pl.col("segment") == "paid_search").row(0, named=True)
    assert search["a"] == pytest.approx(3.0, rel=1e-9)
    assert search["b"] == pytest.approx(0.8, rel=1e-9)


def test_noisy_power_law_is_close() -> None:
    rng = np.random.default_rng(42)
    spend = rng.uniform(200.0, 5000.0, 104)
    weekly = _power_law("creator_tier_mid", 8.0, 0.5, spend, rng.normal(0.0, 0.1, 104))
    row = fit_response_curves(weekly).row(0, named=True)
    assert row["b"] == pytest.approx(0.5, abs=0.05)
    assert row["a"] == pytest.approx(8.0, rel=0.3)
    assert 0.8 < row["r_squared"] < 1.0
    # multiplicative noise with sd 0.1 on the log scale: ~8 % absolute error on average
    assert 0.03 < row["holdout_mape"] < 0.2


def test_holdout_is_the_last_weeks_and_fit_on_earlier_ones() -> None:
    # the last 4 weeks follow another curve: the holdout must see the shift, the early fit not
    spend = np.linspace(100.0, 1000.0, 16)
    early = _power_law("paid_social", 10.0, 0.5, spend)
    revenue = early["revenue"].to_numpy().copy()
    revenue[-4:] *= 2.0
    weekly = early.with_columns(pl.Series("revenue", revenue))
    row = fit_response_curves(weekly, min_weeks=8, holdout_weeks=4).row(0, named=True)
    assert row["holdout_mape"] == pytest.approx(0.5, rel=1e-9)  # |x - 2x| / 2x


def test_too_few_weeks_keeps_the_segment_with_null_parameters() -> None:
    weekly = pl.concat(
        [
            _power_law("paid_social", 10.0, 0.5, np.linspace(100.0, 1000.0, 12)),
            _power_law("creator_tiktok", 10.0, 0.5, np.linspace(100.0, 1000.0, 5)),
        ]
    )
    curves = fit_response_curves(weekly, min_weeks=8, holdout_weeks=4)
    assert curves["segment"].to_list() == ["creator_tiktok", "paid_social"]
    short = curves.row(0, named=True)
    assert short["fit_status"] == "too_few_weeks"
    assert short["n_weeks"] == 5
    for name in ("a", "b", "r_squared", "holdout_mape", "marginal_roas_at_mean_spend"):
        assert short[name] is None
    assert short["mean_weekly_spend"] == pytest.approx(550.0)
    # 12 usable weeks: fitted, but 12 - 4 = 8 training weeks is exactly enough for a holdout
    assert curves.row(1, named=True)["holdout_mape"] is not None
    # ... and with 9 usable weeks the fit stands but there is no honest holdout
    nine = _power_law("email", 5.0, 0.5, np.linspace(100.0, 1000.0, 9))
    row = fit_response_curves(nine, min_weeks=8, holdout_weeks=4).row(0, named=True)
    assert row["fit_status"] == "ok" and row["holdout_mape"] is None


def test_zero_weeks_count_in_means_but_not_in_the_fit() -> None:
    spend = np.concatenate([np.linspace(100.0, 1000.0, 10), [0.0, 0.0]])
    weekly = _power_law("paid_search", 4.0, 0.7, spend)
    row = fit_response_curves(weekly, min_weeks=8, holdout_weeks=0).row(0, named=True)
    assert row["n_weeks"] == 12 and row["n_fit_weeks"] == 10
    assert row["b"] == pytest.approx(0.7, rel=1e-9)
    assert row["mean_weekly_spend"] == pytest.approx(spend.sum() / 12)
    assert row["holdout_mape"] is None


def test_elasticity_outside_the_range_is_clipped_and_flagged() -> None:
    spend = np.linspace(100.0, 1000.0, 12)
    weekly = pl.concat(
        [
            _power_law("increasing", 0.01, 1.3, spend),
            _power_law("flat", 500.0, 0.01, spend),
        ]
    )
    curves = fit_response_curves(weekly, min_weeks=8, b_bounds=(0.05, 0.95))
    increasing = curves.filter(pl.col("segment") == "increasing").row(0, named=True)
    flat = curves.filter(pl.col("segment") == "flat").row(0, named=True)
    assert increasing["b"] == pytest.approx(0.95) and increasing["is_b_clipped"] is True
    assert increasing["fit_status"] == "b_clipped"
    assert flat["b"] == pytest.approx(0.05) and flat["fit_status"] == "b_clipped"
    # the intercept is refitted for the clipped slope: residuals on the log scale average zero
    log_residual = np.log(0.01 * spend**1.3) - np.log(increasing["a"]) - 0.95 * np.log(spend)
    assert log_residual.mean() == pytest.approx(0.0, abs=1e-9)
    assert increasing["r_squared"] < 1.0
    assert set(curves["fit_status"]) <= set(FIT_STATUSES)


def test_constant_spend_has_no_slope() -> None:
    weekly = _power_law("affiliate", 10.0, 0.5, np.full(10, 300.0))
    row = fit_response_curves(weekly, min_weeks=8).row(0, named=True)
    assert row["fit_status"] == "no_spend_variation"
    assert row["a"] is None and row["b"] is None


def test_fit_rejects_bad_parameters() -> None:
    weekly = _power_law("x", 1.0, 0.5, np.linspace(1.0, 2.0, 10))
    with pytest.raises(ValueError, match="min_weeks"):
        fit_response_curves(weekly, min_weeks=1)
    with pytest.raises(ValueError, match="b_bounds"):
        fit_response_curves(weekly, b_bounds=(0.5, 1.0))


def test_two_segments_with_equal_elasticity_have_the_closed_form() -> None:
    # equal b: x_i proportional to a_i ** (1 / (1 - b))
    a1, a2, b, budget = 10.0, 20.0, 0.5, 1000.0
    result = optimal_allocation(_curves([("s1", a1, b, 100.0), ("s2", a2, b, 100.0)]), [budget])
    w1, w2 = a1 ** (1 / (1 - b)), a2 ** (1 / (1 - b))
    spend = dict(zip(result["segment"], result["allocated_spend"], strict=True))
    assert spend["s1"] == pytest.approx(budget * w1 / (w1 + w2), rel=1e-9)
    assert spend["s2"] == pytest.approx(budget * w2 / (w1 + w2), rel=1e-9)  # 800
    assert result["allocation_share"].sum() == pytest.approx(1.0)


def test_allocation_sums_to_budget_with_equal_marginal_roas() -> None:
    curves = _curves(
        [
            ("paid_social", 12.0, 0.6, 500.0),
            ("paid_search", 3.0, 0.85, 300.0),
            ("creator_tier_mid", 40.0, 0.3, 200.0),
            ("creator_tier_mega", 0.5, 0.95, 100.0),
        ]
    )
    budgets = budget_grid(1000.0, (0.1, 0.5, 1.0, 2.0, 10.0, 100.0))
    result = optimal_allocation(curves, budgets)
    assert result.height == len(budgets) * 4
    totals = result.group_by("total_budget").agg(
        pl.col("allocated_spend").sum().alias("spent"),
        pl.col("marginal_roas").min().alias("mroas_min"),
        pl.col("marginal_roas").max().alias("mroas_max"),
        pl.col("predicted_revenue").sum().alias("revenue"),
    )
    for row in totals.iter_rows(named=True):
        assert row["spent"] == pytest.approx(row["total_budget"], abs=1e-6)
        assert row["mroas_max"] == pytest.approx(row["mroas_min"], rel=1e-6)
    revenue = totals.sort("total_budget")["revenue"].to_numpy()
    assert np.all(np.diff(revenue) > 0)
    assert set(result["allocation_status"]) == {"interior"}
    assert (result["allocated_spend"] > 0).all()


def test_allocation_beats_other_splits() -> None:
    curves = _curves([("s1", 10.0, 0.4, 1.0), ("s2", 5.0, 0.7, 1.0), ("s3", 30.0, 0.2, 1.0)])
    result = optimal_allocation(curves, [5000.0])
    best = result["predicted_revenue"].sum()
    rng = np.random.default_rng(0)
    a, b = np.array([10.0, 5.0, 30.0]), np.array([0.4, 0.7, 0.2])
    for share in rng.dirichlet(np.ones(3), 200):
        assert (a * (5000.0 * share) ** b).sum() <= best + 1e-9


def test_segments_without_a_curve_get_nothing_and_are_flagged() -> None:
    curves = pl.concat(
        [
            _curves([("paid_social", 12.0, 0.6, 500.0), ("paid_search", 3.0, 0.8, 300.0)]),
            pl.DataFrame(
                {
                    "segment": ["creator_tier_nano"],
                    "a": [None],
                    "b": [None],
                    "mean_weekly_spend": [40.0],
                    "fit_status": ["too_few_weeks"],
                },
                schema={
                    "segment": pl.String,
                    "a": pl.Float64,
                    "b": pl.Float64,
                    "mean_weekly_spend": pl.Float64,
                    "fit_status": pl.String,
                },
            ),
        ]
    )
    result = optimal_allocation(curves, [840.0])
    nano = result.filter(pl.col("segment") == "creator_tier_nano").row(0, named=True)
    assert nano["allocated_spend"] == 0.0 and nano["allocation_status"] == "no_curve"
    assert nano["current_spend"] == 40.0 and nano["marginal_roas"] is None
    assert result["allocated_spend"].sum() == pytest.approx(840.0, abs=1e-6)
    assert set(result["allocation_status"]) <= set(ALLOCATION_STATUSES)


def test_bounds_bind_and_the_rest_share_one_marginal_roas() -> None:
    curves = _curves(
        [("big", 50.0, 0.6, 100.0), ("mid", 20.0, 0.6, 100.0), ("small", 1.0, 0.6, 100.0)]
    )
    result = optimal_allocation(curves, [1000.0], min_share=0.1, max_multiple_of_current=5.0)
    spend = dict(zip(result["segment"], result["allocated_spend"], strict=True))
    status = dict(zip(result["segment"], result["allocation_status"], strict=True))
    assert spend["big"] == pytest.approx(500.0) and status["big"] == "at_cap"
    assert spend["small"] == pytest.approx(100.0) and status["small"] == "at_min_share"
    assert spend["mid"] == pytest.approx(400.0) and status["mid"] == "interior"
    assert sum(spend.values()) == pytest.approx(1000.0, abs=1e-6)


def test_infeasible_bounds_raise() -> None:
    curves = _curves([("s1", 10.0, 0.5, 100.0), ("s2", 10.0, 0.5, 100.0)])
    with pytest.raises(ValueError, match="caps"):
        optimal_allocation(curves, [1000.0], max_multiple_of_current=2.0)
    with pytest.raises(ValueError, match="min_share"):
        optimal_allocation(curves, [1000.0], min_share=0.6)


def test_zero_budget_spends_nothing() -> None:
    result = optimal_allocation(_curves([("s1", 10.0, 0.5, 100.0)]), [0.0])
    row = result.row(0, named=True)
    assert row["allocated_spend"] == 0.0 and row["predicted_revenue"] == 0.0
    assert row["predicted_roas"] is None


def test_budget_grid() -> None:
    assert budget_grid(1000.0) == [500.0, 750.0, 1000.0, 1250.0, 1500.0, 2000.0]
    assert budget_grid(10.0, (2.0, 1.0, 1.0)) == [10.0, 20.0]
    with pytest.raises(ValueError):
        budget_grid(-1.0)
