"""The trend marts of the test build against the generator's truth (`trend_lifecycle.parquet`).

Truth is never a feature of a model: it only scores the marts here. Thresholds leave room for
the noise of Google Trends at the test scale, and fail when an estimate loses touch with truth.
"""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from .conftest import BuildPaths

#: Estimated peak within this many days of the true peak ...
PEAK_TOLERANCE_DAYS = 7
#: ... for at least this share of the fads.
PEAK_MIN_SHARE = 0.8


@pytest.fixture(scope="module")
def compared(warehouse: duckdb.DuckDBPyConnection, test_build: BuildPaths) -> pl.DataFrame:
    """The lifecycle mart joined with the true lifecycle of each hashtag."""
    mart = warehouse.sql("select * from marts.trend_lifecycle").pl()
    truth = pl.read_parquet(test_build.truth / "trend_lifecycle.parquet")
    joined = mart.join(truth, on="hashtag", how="inner", suffix="_true")
    assert joined.height == truth.height == mart.height, "every true hashtag is in the mart"
    return joined.with_columns(
        (pl.col("peak_date") - pl.col("peak_date_true")).dt.total_days().alias("peak_error_days"),
        (pl.col("emergence_date") - pl.col("emerge_date"))
        .dt.total_days()
        .alias("emergence_error_days"),
        (pl.col("fade_date") - pl.col("fade_date_true")).dt.total_days().alias("fade_error_days"),
    )


def test_evergreen_hashtags_are_recognised(compared: pl.DataFrame) -> None:
    wrong = compared.filter(pl.col("is_evergreen") != pl.col("is_evergreen_true"))
    assert wrong.is_empty(), wrong.select("hashtag", "is_evergreen", "is_evergreen_true")


def test_peak_dates_are_close_to_truth(compared: pl.DataFrame) -> None:
    fads = compared.filter(~pl.col("is_evergreen_true"))
    close = (fads["peak_error_days"].abs() <= PEAK_TOLERANCE_DAYS).mean()
    assert close >= PEAK_MIN_SHARE, f"{close:.0%} of peaks within {PEAK_TOLERANCE_DAYS} days"
    assert fads["peak_error_days"].abs().median() <= 4


def test_emergence_and_fade_dates_are_close_to_truth(compared: pl.DataFrame) -> None:
    observed = compared.filter(pl.col("is_emergence_observed") & ~pl.col("is_evergreen_true"))
    assert (observed["emergence_error_days"].abs() <= 7).mean() >= 0.8
    faded = compared.filter(
        pl.col("fade_date").is_not_null() & pl.col("fade_date_true").is_not_null()
    )
    assert faded.height > 0
    assert (faded["fade_error_days"].abs() <= 14).mean() >= 0.8


def test_lifespans_rank_like_truth(compared: pl.DataFrame) -> None:
    complete = compared.filter(pl.col("is_lifecycle_complete"))
    assert complete.height >= 20
    rho = complete.select(pl.corr("lifespan_days", "lifespan_days_true", method="spearman")).item()
    assert rho >= 0.8, f"spearman {rho:.2f}"
    mae = (complete["lifespan_days"] - complete["lifespan_days_true"]).abs().mean()
    assert mae <= 10, f"lifespan MAE {mae:.1f} days"


def test_current_stage_matches_truth_at_the_end_of_the_data(compared: pl.DataFrame) -> None:
    end = pl.col("data_end_date")
    true_stage = (
        pl.when(pl.col("is_evergreen_true"))
        .then(pl.lit("evergreen"))
        .when(end >= pl.col("fade_date_true"))
        .then(pl.lit("faded"))
        .when(end >= pl.col("decline_date_true"))
        .then(pl.lit("declining"))
        .when(end >= pl.col("peak_date_true"))
        .then(pl.lit("peaking"))
        .otherwise(pl.lit("emerging"))
    )
    agreement = compared.select((pl.col("current_stage") == true_stage).mean()).item()
    assert agreement >= 0.85, f"stage agrees for {agreement:.0%} of hashtags"


def test_longevity_backtest_beats_a_constant_guess(warehouse: duckdb.DuckDBPyConnection) -> None:
    metrics = dict(
        warehouse.sql(
            "select metric, value from marts.trend_longevity_backtest where split = 'leave_one_out'"
        ).fetchall()
    )
    lifespans = warehouse.sql(
        "select observed_lifespan_days from marts.trend_longevity_predictions"
        " where is_lifecycle_complete"
    ).pl()["observed_lifespan_days"]
    constant_mae = (lifespans - lifespans.median()).abs().mean()
    assert metrics["mae_days"] < constant_mae, (metrics, constant_mae)
    assert metrics["spearman_rank_correlation"] >= 0.5, metrics


def test_predictions_cover_every_trackable_fad(warehouse: duckdb.DuckDBPyConnection) -> None:
    missing = warehouse.sql(
        """
        select lifecycle.hashtag
        from marts.trend_lifecycle as lifecycle
        left join marts.trend_longevity_predictions as predictions
            on lifecycle.hashtag = predictions.hashtag
        where
            not lifecycle.is_evergreen
            and lifecycle.is_emergence_observed
            and lifecycle.emergence_date + 14 <= lifecycle.data_end_date
            and predictions.hashtag is null
        """
    ).fetchall()
    assert missing == []


#: Generator names of the stages at purchase -> the mart's names.
_TRUE_STAGE_NAMES = {"pre_trend": "pre_trend", "rising": "emerging", "peak": "peaking"}


def test_stage_at_purchase_mix_matches_truth(
    warehouse: duckdb.DuckDBPyConnection, test_build: BuildPaths
) -> None:
    ours = warehouse.sql(
        "select stage_at_purchase as stage, sum(order_line_count)::bigint as lines"
        " from marts.trend_stage_impact group by all"
    ).pl()
    truth = (
        pl.read_parquet(test_build.truth / "order_line_regret.parquet")
        .filter(pl.col("trend_stage_at_purchase") != "none")
        .select(pl.col("trend_stage_at_purchase").replace(_TRUE_STAGE_NAMES).alias("stage"))
        .group_by("stage")
        .agg(pl.len().cast(pl.Int64).alias("true_lines"))
    )
    # Lines of fad products: the same lines, bar orders quarantined by staging.
    assert abs(ours["lines"].sum() - truth["true_lines"].sum()) <= 0.1 * truth["true_lines"].sum()
    shares = (
        ours.join(truth, on="stage", how="full", coalesce=True)
        .fill_null(0)
        .with_columns(
            (pl.col("lines") / pl.col("lines").sum()).alias("share"),
            (pl.col("true_lines") / pl.col("true_lines").sum()).alias("true_share"),
        )
    )
    off = shares.filter((pl.col("share") - pl.col("true_share")).abs() > 0.1)
    assert off.is_empty(), shares
