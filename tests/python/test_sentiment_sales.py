"""Unit tests of social_commerce.sentiment_sales on synthetic series with a known (or no) lead."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from social_commerce.sentiment_sales import (
    OVERALL,
    best_leads,
    format_p,
    lagged_correlations,
    pooled_correlations,
    sentiment_insights,
)

START = date(2025, 11, 1)
N_DAYS = 365
#: Weekday profile (Mon..Sun) shared by both series in the seasonality tests.
WEEKDAY = np.array([0.0, 0.1, 0.2, 0.3, 0.5, 0.9, 0.7])


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    """Stationary AR(1) path."""
    out = np.empty(n)
    out[0] = rng.normal(0.0, sd / np.sqrt(1 - phi**2))
    eps = rng.normal(0.0, sd, n)
    for t in range(1, n):
        out[t] = phi * out[t - 1] + eps[t]
    return out


def _frame(brand: str, sentiment: np.ndarray, sales: np.ndarray) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "brand": brand,
            "activity_date": [START + timedelta(days=i) for i in range(len(sales))],
            "sentiment": sentiment,
            "sales": sales,
        }
    )


def _weekday(n: int) -> np.ndarray:
    return WEEKDAY[[(START + timedelta(days=i)).weekday() for i in range(n)]]


def _planted(
    rng: np.random.Generator, brand: str, lag: int, k: float = 0.6, level: float = 80.0
) -> pl.DataFrame:
    """Sentiment an AR(1) in (-1, 1); sales Poisson with demand x (1 + k * sentiment(t - lag))."""
    latent = np.tanh(0.2 + _ar1(rng, N_DAYS + lag, 0.9, 0.1))
    sentiment = latent[lag:] + rng.normal(0.0, 0.05, N_DAYS)
    season = 1.0 + 0.5 * np.sin(np.arange(N_DAYS) * 2 * np.pi / 365)
    demand = level * season * np.exp(_weekday(N_DAYS)) * (1.0 + k * latent[:N_DAYS])
    return _frame(brand, sentiment, rng.poisson(demand).astype(float))


def _independent(rng: np.random.Generator, brand: str, weekday: bool) -> pl.DataFrame:
    """Autocorrelated sentiment and sales that are independent of each other."""
    wd = _weekday(N_DAYS) if weekday else np.zeros(N_DAYS)
    sentiment = np.tanh(0.2 + _ar1(rng, N_DAYS, 0.9, 0.1)) + 0.3 * wd
    log_demand = np.log(50.0) + _ar1(rng, N_DAYS, 0.9, 0.08) + wd
    return _frame(brand, sentiment, rng.poisson(np.exp(log_demand)).astype(float))


def test_recovers_planted_lead_of_4_days() -> None:
    rng = np.random.default_rng(7)
    daily = pl.concat([_planted(rng, f"brand_{i}", lag=4) for i in range(5)])
    cors = lagged_correlations(daily)
    assert cors["lag_days"].min() == -14 and cors["lag_days"].max() == 14
    best = best_leads(cors)
    assert best["lag_days"].to_list() == [4] * 5
    assert best["is_significant"].all() and best["is_lead"].all()
    assert (best["n_lags_tested"] == 29).all()
    assert (best["p_value_adjusted"] >= best["p_value"]).all()


def test_positive_lag_means_sentiment_leads_and_negative_means_it_follows() -> None:
    rng = np.random.default_rng(11)
    leads = _planted(rng, "leads", lag=6)
    # Swap roles: sales-shaped noise first, sentiment follows sales by 3 days.
    latent = _ar1(rng, N_DAYS + 3, 0.9, 0.1)
    sales = rng.poisson(60.0 * (1.0 + 0.6 * np.tanh(latent[3:]))).astype(float)
    follows = _frame("follows", np.tanh(latent[:N_DAYS]), sales)
    best = best_leads(lagged_correlations(pl.concat([leads, follows]))).sort("brand")
    assert best["lag_days"].to_list() == [-3, 6]
    assert best["is_lead"].to_list() == [False, True]


@pytest.mark.parametrize("weekday", [False, True])
def test_false_positive_rate_near_alpha_on_independent_series(weekday: bool) -> None:
    rng = np.random.default_rng(2024 + weekday)
    n_groups = 150
    daily = pl.concat([_independent(rng, f"g{i:03d}", weekday) for i in range(n_groups)])
    cors = lagged_correlations(daily)
    # Per-lag p-values: under the null about 5 % fall below 0.05 despite autocorrelation.
    per_lag = (cors["p_value"] < 0.05).mean()
    assert 0.02 <= per_lag <= 0.09, per_lag
    best = best_leads(cors, alpha=0.05)
    assert best.height == n_groups
    # Family-wise over 29 lags (Holm): at most about alpha, far from the naive ~50 %.
    assert best["is_significant"].mean() <= 0.09
    assert best["is_lead"].mean() <= 0.09


def test_shared_weekday_seasonality_creates_no_lead_at_7_days() -> None:
    rng = np.random.default_rng(99)
    daily = pl.concat([_independent(rng, f"g{i:02d}", weekday=True) for i in range(40)])
    cors = lagged_correlations(daily)
    weekly = pl.col("lag_days").abs().is_in([0, 7, 14])
    # Without removing the weekday effect the shared weekly cycle would dominate these lags
    # (r ~ 0.4); after it, they look like any other lag.
    assert cors.filter(weekly)["r"].abs().mean() < 1.5 * cors.filter(~weekly)["r"].abs().mean()
    leads = best_leads(cors)
    assert leads.filter(pl.col("lag_days").abs().is_in([7, 14]))["is_significant"].sum() <= 1


def test_missing_sentiment_days_are_skipped_and_short_groups_dropped() -> None:
    rng = np.random.default_rng(5)
    planted = _planted(rng, "sparse", lag=4)
    gaps = rng.random(N_DAYS) < 0.3
    planted = planted.with_columns(
        pl.when(pl.Series(gaps)).then(None).otherwise(pl.col("sentiment")).alias("sentiment")
    )
    short = _planted(rng, "short", lag=4).head(40)
    cors = lagged_correlations(pl.concat([planted, short]), min_days=60)
    assert cors["brand"].unique().to_list() == ["sparse"]
    assert cors.filter(pl.col("lag_days") == 0)["n_days"].item() < N_DAYS * 0.75
    assert best_leads(cors)["lag_days"].item() == 4


def test_empty_input_gives_empty_output() -> None:
    empty = _frame("x", np.array([]), np.array([])).cast({"activity_date": pl.Date})
    cors = lagged_correlations(empty)
    assert cors.height == 0
    assert cors.columns == ["brand", "lag_days", "r", "n_days", "n_effective", "p_value"]


def test_insight_sentences_carry_the_computed_numbers() -> None:
    best = pl.DataFrame(
        {
            "brand": ["Dewlab", "Snoutly", "Echo"],
            "lag_days": [4, 2, -3],
            "r": [0.4123, 0.051, 0.33],
            "n_days": [360, 200, 300],
            "n_effective": [300.0, 150.0, 250.0],
            "p_value": [1e-6, 0.4, 1e-4],
            "p_value_adjusted": [2.9e-5, 1.0, 0.0029],
            "n_lags_tested": [29, 29, 29],
            "is_significant": [True, False, True],
            "is_lead": [True, False, False],
        }
    )
    out = sentiment_insights(best)
    assert out.columns == [
        "brand",
        "lag_days",
        "r",
        "p_value_adjusted",
        "is_lead",
        "insight",
        "recommendation",
    ]
    rows = {row["brand"]: row for row in out.iter_rows(named=True)}
    dewlab = rows["Dewlab"]["insight"]
    assert "Dewlab" in dewlab and "4 days" in dewlab and "r = 0.41" in dewlab
    assert "p < 0.001" in dewlab and "29 lags" in dewlab
    assert "4 days after" in rows["Dewlab"]["recommendation"]
    assert rows["Snoutly"]["insight"].startswith("No significant lead")
    assert "p = 1.000" in rows["Snoutly"]["insight"]
    assert "sales lead its mention sentiment by 3 days" in rows["Echo"]["insight"]
    overall = rows[OVERALL]
    assert "1 of 3 brands, by 4 days" in overall["insight"]
    assert overall["lag_days"] == 4 and overall["is_lead"]


def test_overall_row_without_any_lead() -> None:
    best = pl.DataFrame(
        {
            "brand": ["A"],
            "lag_days": [1],
            "r": [0.02],
            "n_days": [300],
            "n_effective": [280.0],
            "p_value": [0.7],
            "p_value_adjusted": [1.0],
            "n_lags_tested": [29],
            "is_significant": [False],
            "is_lead": [False],
        }
    )
    overall = sentiment_insights(best).filter(pl.col("brand") == OVERALL).row(0, named=True)
    assert "none of the 1 brands" in overall["insight"]
    assert overall["lag_days"] is None


def test_format_p() -> None:
    assert format_p(0.0004) == "p < 0.001"
    assert format_p(0.0123) == "p = 0.012"


def test_pooled_lead_is_found_where_single_brands_are_too_noisy() -> None:
    rng = np.random.default_rng(3)
    daily = pl.concat([_planted(rng, f"b{i:02d}", lag=4, k=0.3, level=4.0) for i in range(40)])
    cors = lagged_correlations(daily)
    per_brand = best_leads(cors)
    pooled = best_leads(pooled_correlations(cors))
    assert per_brand["is_lead"].mean() < 0.5
    assert pooled[["brand", "lag_days"]].row(0) == (OVERALL, 4)
    assert pooled["is_lead"].item()
    overall = sentiment_insights(per_brand, pooled=pooled).filter(pl.col("brand") == OVERALL)
    text = overall["insight"].item()
    assert text.startswith("Pooled over all 40 brands, positive mentions lead sales by 4 days")
    assert f"r = {pooled['r'].item():.2f}" in text
    assert overall["lag_days"].item() == 4


def test_pooled_independent_series_give_no_lead() -> None:
    rng = np.random.default_rng(8)
    daily = pl.concat([_independent(rng, f"g{i:02d}", weekday=True) for i in range(40)])
    pooled = best_leads(pooled_correlations(lagged_correlations(daily)))
    assert not pooled["is_significant"].item()
