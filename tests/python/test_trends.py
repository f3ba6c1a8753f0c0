"""Unit tests of social_commerce.trends on small hand-made series whose answers are known."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from social_commerce import trends

START = date(2026, 1, 1)


def _daily(series: dict[str, list[float]], posts: int = 1, views: int = 100) -> pl.DataFrame:
    rows = [
        {
            "hashtag": tag,
            "activity_date": START + timedelta(days=i),
            "post_count": posts,
            "view_count": views,
            "search_interest_0_100": value,
        }
        for tag, values in series.items()
        for i, value in enumerate(values)
    ]
    return pl.DataFrame(rows)


def _lifecycle(rows: list[tuple[str, int, int, bool, bool, bool]]) -> pl.DataFrame:
    """(hashtag, emergence day, lifespan, emergence observed, complete, evergreen)."""
    return pl.DataFrame(
        {
            "hashtag": [r[0] for r in rows],
            "emergence_date": [START + timedelta(days=r[1]) for r in rows],
            "lifespan_days": [r[2] for r in rows],
            "is_emergence_observed": [r[3] for r in rows],
            "is_lifecycle_complete": [r[4] for r in rows],
            "is_evergreen": [r[5] for r in rows],
        }
    )


def test_early_features_reads_only_the_window_after_emergence() -> None:
    # Linear rise 0, 10, ..., 50 from day 2, then a huge value that must not be read.
    values = [99.0, 99.0, 0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 1000.0, 1000.0]
    features = trends.early_features(
        _daily({"line": values}, posts=2, views=9),
        _lifecycle([("line", 2, 30, True, True, False)]),
        window_days=6,
    )
    row = features.row(0, named=True)
    assert row["growth_slope"] == pytest.approx(10.0)
    # mean of last 3 days (30, 40, 50) = 40; of first 3 (0, 10, 20) = 10
    assert row["search_ramp"] == pytest.approx(np.log(41.0) - np.log(11.0))
    assert row["end_to_max_ratio"] == pytest.approx(41.0 / 51.0)
    assert row["log_post_count"] == pytest.approx(np.log1p(12.0))
    assert row["log_view_count"] == pytest.approx(np.log1p(54.0))
    assert row["lifespan_days"] == 30


def test_early_features_drops_evergreen_censored_and_short_windows() -> None:
    daily = _daily({tag: [1.0] * 10 for tag in ["ok", "evergreen", "censored", "late"]})
    lifecycle = _lifecycle(
        [
            ("ok", 0, 10, True, True, False),
            ("evergreen", 0, 10, False, False, True),
            ("censored", 0, 10, False, True, False),
            ("late", 6, 4, True, False, False),  # only 4 days after emergence
        ]
    )
    features = trends.early_features(daily, lifecycle, window_days=6)
    assert features["hashtag"].to_list() == ["ok"]


def test_early_features_rejects_a_window_shorter_than_both_ramps() -> None:
    with pytest.raises(ValueError, match="window_days"):
        trends.early_features(
            _daily({"a": [1.0] * 5}), _lifecycle([("a", 0, 5, True, True, False)]), 5
        )


def _synthetic_features(n: int, seed: int = 0) -> pl.DataFrame:
    """Trends whose log lifespan is an exact linear function of the features."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, len(trends.FEATURES)))
    log_lifespan = 3.8 - 0.4 * x[:, 0] + 0.2 * x[:, 2]
    frame = pl.DataFrame({name: x[:, i] for i, name in enumerate(trends.FEATURES)})
    return frame.with_columns(
        pl.Series("hashtag", [f"t{i:02d}" for i in range(n)]),
        pl.Series("lifespan_days", np.exp(log_lifespan)),
        pl.Series("is_lifecycle_complete", [True] * n),
    )


def test_backtest_recovers_an_exact_linear_law() -> None:
    result = trends.backtest_lifespan(_synthetic_features(30), alpha=1e-6)
    assert result.n_rows == 30
    assert result.mae_days < 0.01
    assert result.spearman == pytest.approx(1.0)


def test_backtest_does_not_see_the_held_out_trend() -> None:
    # Identical features, so a fold can only predict the mean of the others: holding out a
    # trend whose lifespan is far above the rest must leave a large error on it.
    features = _synthetic_features(8).with_columns(
        *[pl.lit(0.0).alias(name) for name in trends.FEATURES],
        pl.Series("lifespan_days", [10.0] * 7 + [1000.0]),
    )
    result = trends.backtest_lifespan(features, alpha=1.0)
    outlier = result.predictions.filter(pl.col("hashtag") == "t07")
    assert outlier["predicted_lifespan_days"].item() == pytest.approx(10.0)
    assert result.mae_days == pytest.approx(
        (990.0 + 7 * abs(10.0 - 10.0 ** (6 / 7) * 1000.0 ** (1 / 7))) / 8
    )


def test_backtest_trains_on_completed_trends_only() -> None:
    features = pl.concat(
        [
            _synthetic_features(10),
            _synthetic_features(3, seed=1).with_columns(
                pl.Series("hashtag", ["live0", "live1", "live2"]),
                pl.lit(False).alias("is_lifecycle_complete"),
            ),
        ]
    )
    result = trends.backtest_lifespan(features)
    assert result.n_rows == 10
    assert not result.predictions["hashtag"].str.starts_with("live").any()


def test_backtest_needs_enough_completed_trends() -> None:
    with pytest.raises(ValueError, match="completed trends"):
        trends.backtest_lifespan(_synthetic_features(trends.MIN_TRAIN_ROWS))


def test_predict_lifespan_interval_brackets_the_prediction() -> None:
    rng = np.random.default_rng(3)
    features = _synthetic_features(25).with_columns(
        (pl.col("lifespan_days") * np.exp(rng.normal(0.0, 0.2, 25))).alias("lifespan_days")
    )
    live = _synthetic_features(2, seed=9).with_columns(
        pl.Series("hashtag", ["live0", "live1"]), pl.lit(False).alias("is_lifecycle_complete")
    )
    predicted = trends.predict_lifespan(pl.concat([features, live]))
    assert predicted.height == 27
    low, mid, high = (pl.col(f"predicted_lifespan{part}_days") for part in ("_low", "", "_high"))
    assert predicted.select(((low <= mid) & (mid <= high)).all()).item()
    # strictly inside where no floor applies (a running trend's floor may raise all three)
    completed = predicted.filter("is_lifecycle_complete")
    assert completed.select(((low < mid) & (mid < high)).all()).item()
    # noise of 20 % on a linear law: predictions stay close to the truth
    truth = predicted.filter(pl.col("is_lifecycle_complete"))
    ratio = (truth["predicted_lifespan_days"] / truth["lifespan_days"]).to_numpy()
    assert np.median(np.abs(np.log(ratio))) < 0.3


def test_a_running_trend_is_never_predicted_to_end_before_its_age() -> None:
    features = _synthetic_features(25)
    old = _synthetic_features(1, seed=9).with_columns(
        pl.lit("old_running").alias("hashtag"),
        pl.lit(False).alias("is_lifecycle_complete"),
        pl.lit(10_000).alias("lifespan_days"),  # far beyond anything the model predicts
    )
    predicted = trends.predict_lifespan(pl.concat([features, old], how="vertical_relaxed"))
    running = predicted.filter(pl.col("hashtag") == "old_running").row(0, named=True)
    assert running["predicted_lifespan_low_days"] == 10_000
    assert running["predicted_lifespan_days"] == 10_000
    assert running["predicted_lifespan_high_days"] == 10_000
    # completed trends keep the model's own prediction, even below their lifespan
    done = predicted.filter(pl.col("is_lifecycle_complete"))
    assert (done["predicted_lifespan_days"] < done["lifespan_days"]).any()


def test_backtest_metrics_rows() -> None:
    result = trends.backtest_lifespan(_synthetic_features(10))
    metrics = trends.backtest_metrics(result, "m", "leave_one_out")
    assert metrics["metric"].to_list() == ["mae_days", "spearman_rank_correlation"]
    assert metrics["value"].to_list() == [result.mae_days, result.spearman]
    assert metrics["n_rows"].to_list() == [10, 10]


def test_too_few_completed_trends_give_no_rows_rather_than_an_error() -> None:
    features = _synthetic_features(trends.MIN_TRAIN_ROWS)
    assert not trends.enough_completed_trends(features)
    predicted = trends.predict_lifespan(features)
    assert predicted.is_empty()
    assert "predicted_lifespan_high_days" in predicted.columns
    metrics = trends.backtest_metrics(None, "m", "leave_one_out")
    assert metrics.is_empty()
    assert metrics.schema["value"] == pl.Float64
