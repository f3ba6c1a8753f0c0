"""Tests of social_commerce.creators (clusters, follower forecast) on hand-made frames with
known answers, and of the creator ML marts on the test build."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import numpy as np
import polars as pl
import pytest

from social_commerce import creators

START = date(2026, 1, 1)


def _series(values: dict[tuple[str, str], list[float]]) -> pl.DataFrame:
    """Daily follower frame from {(creator, platform): counts from START}."""
    return pl.DataFrame(
        [
            {
                "creator_username": creator,
                "platform": platform,
                "follower_date": START + timedelta(days=i),
                "follower_count": round(value),
            }
            for (creator, platform), counts in values.items()
            for i, value in enumerate(counts)
        ],
        schema={
            "creator_username": pl.String,
            "platform": pl.String,
            "follower_date": pl.Date,
            "follower_count": pl.Int64,
        },
    )


def _two_groups() -> pl.DataFrame:
    """Ten creators in two obvious groups: small fast-growing vs large high-engagement."""
    rng = np.random.default_rng(0)
    rows = []
    for i in range(10):
        small = i < 5
        jitter = rng.normal(0, 0.01, size=len(creators.CLUSTER_FEATURES))
        base = [8.0, 0.02, 0.01, 0.30, 3.0, 0.1] if small else [14.0, 0.10, 0.05, 0.01, 3.0, 0.1]
        rows.append(
            {
                "creator_username": f"c{i}",
                **dict(zip(creators.CLUSTER_FEATURES, base + jitter, strict=True)),
            }
        )
    return pl.DataFrame(rows)


def test_cluster_creators_finds_two_obvious_groups() -> None:
    result = creators.cluster_creators(_two_groups(), k_range=range(2, 6), seed=7)
    assert result.k == 2
    # the two near-constant features are standardized noise, which pulls the score below 1
    assert result.silhouette > 0.5 and result.silhouette == max(result.silhouette_by_k.values())
    clusters = result.assignments.sort("creator_username")["cluster_id"].to_list()
    assert len(set(clusters[:5])) == 1 and len(set(clusters[5:])) == 1
    assert clusters[0] != clusters[5]
    names = dict(
        zip(result.assignments["creator_username"], result.assignments["cluster_name"], strict=True)
    )
    assert names["c0"] == "fast-growing small"
    assert names["c9"].endswith("large") and names["c9"] != names["c0"]
    assert result.profiles["creator_count"].to_list() == [5, 5]


def test_cluster_creators_is_deterministic() -> None:
    first = creators.cluster_creators(_two_groups(), seed=3)
    second = creators.cluster_creators(_two_groups(), seed=3)
    assert first.assignments.equals(second.assignments)
    metrics = creators.cluster_metrics(first, "m")
    assert metrics["metric"].to_list() == ["silhouette", "k_chosen", "inertia"]
    assert set(metrics["split"]) == {"all"}


def test_silhouette_is_exact_up_to_the_sample_size_and_sampled_above_it() -> None:
    # 60 creators in three groups; a sample of 40 gives another (close) score, a sample of 60
    # or more is the whole set
    rng = np.random.default_rng(1)
    centres = rng.normal(0, 3, size=(3, len(creators.CLUSTER_FEATURES)))
    values = np.repeat(centres, 20, axis=0) + rng.normal(0, 1, size=(60, centres.shape[1]))
    frame = pl.DataFrame(
        {
            "creator_username": [f"c{i}" for i in range(60)],
            **{name: values[:, j] for j, name in enumerate(creators.CLUSTER_FEATURES)},
        }
    )
    exact = creators.cluster_creators(frame, k_range=range(2, 5), seed=7)
    same = creators.cluster_creators(frame, k_range=range(2, 5), seed=7, silhouette_sample=60)
    sampled = creators.cluster_creators(frame, k_range=range(2, 5), seed=7, silhouette_sample=40)
    assert same.silhouette_by_k == exact.silhouette_by_k
    assert sampled.silhouette_by_k != exact.silhouette_by_k
    for k, score in exact.silhouette_by_k.items():
        assert abs(sampled.silhouette_by_k[k] - score) < 0.1, (k, score, sampled.silhouette_by_k)
    assert sampled.assignments.equals(exact.assignments)  # the fits do not depend on the sample


def test_shared_cluster_fit_is_made_once_and_skips_too_few_creators() -> None:
    groups = _two_groups()
    first = creators.shared_cluster_creators(groups, range(2, 6), seed=7)
    assert first is not None and first.k == 2
    assert creators.shared_cluster_creators(groups, range(2, 6), seed=7) is first  # reused
    # other rows (here another order, which k-means may split differently): fitted on its own
    assert creators.shared_cluster_creators(groups.reverse(), range(2, 6), seed=7) is not first
    assert creators.shared_cluster_creators(groups.head(2), range(2, 6), seed=7) is None


def test_exponential_series_is_forecast_exactly() -> None:
    counts = [1000.0 * 1.01**i for i in range(120)]
    daily = _series({("ana", "tiktok"): counts})
    forecast = creators.forecast_followers(daily, horizons=(30, 90), min_fit_days=14)
    assert forecast["horizon_days"].to_list() == [30, 90]
    for row in forecast.iter_rows(named=True):
        expected = 1000.0 * 1.01 ** (119 + row["horizon_days"])
        assert row["followers_forecast"] == pytest.approx(expected, rel=1e-3)
        assert row["forecast_date"] == START + timedelta(days=119 + row["horizon_days"])
        assert row["daily_growth_rate"] == pytest.approx(0.01, rel=1e-2)
        assert row["followers_forecast_low"] <= row["followers_forecast"]
        assert row["followers_forecast"] <= row["followers_forecast_high"]


def test_backtest_never_sees_the_held_out_days() -> None:
    base = [1000.0 * 1.005**i for i in range(200)]
    changed = base[:-30] + [5.0 * value for value in base[-30:]]
    first = creators.backtest_forecast(_series({("ana", "tiktok"): base}), horizons=(30,))
    second = creators.backtest_forecast(_series({("ana", "tiktok"): changed}), horizons=(30,))
    columns = ["forecast_date", "followers_forecast", "followers_forecast_low"]
    assert first.predictions.select(columns).equals(second.predictions.select(columns))
    # the actuals did change: a perfect forecast of the base series, a 80 % miss on the other
    assert first.metrics["mape"][0] == pytest.approx(0.0, abs=1e-3)
    assert second.metrics["mape"][0] == pytest.approx(0.8, abs=1e-3)
    assert second.metrics["interval_coverage"][0] == 0.0


def test_forecast_metrics_name_the_horizon() -> None:
    daily = _series({("ana", "tiktok"): [1000.0 + 5 * i for i in range(300)]})
    metrics = creators.forecast_metrics(creators.backtest_forecast(daily), "m")
    assert set(metrics["metric"]) == {
        f"{metric}_h{h}"
        for metric in ("mae_followers", "mape", "interval_coverage")
        for h in (30, 90)
    }
    assert set(metrics["split"]) == {"test"}


def test_forecast_interval_contains_the_forecast_on_the_build(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    outside = warehouse.sql(
        """
        select count(*) from marts.creator_follower_forecast
        where not (followers_forecast_low <= followers_forecast
            and followers_forecast <= followers_forecast_high)
        """
    ).fetchone()[0]
    total = warehouse.sql("select count(*) from marts.creator_follower_forecast").fetchone()[0]
    assert total > 0 and outside == 0


def test_ml_model_metrics_has_every_model_on_the_build(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    models = {
        row[0]
        for row in warehouse.sql(
            "select distinct model_name from marts.ml_model_metrics"
        ).fetchall()
    }
    assert {
        "trend_longevity_ridge",
        "creator_clusters_kmeans",
        "creator_follower_forecast_loglinear",
    } <= models
