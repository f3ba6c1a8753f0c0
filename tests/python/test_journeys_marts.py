"""Journeys marts checked against the generator's truth: every tracked order's channel path,
rebuilt by the warehouse from raw GA4 events and Shopify orders, must be the journey that the
generator actually simulated (``order_journeys.channel_path``), and the orders without a GA4
journey must be the ones of untracked visitors.

The generator attaches a visitor's returning visits to a journey at most 28 days after its first
visit, and a returning customer's next journey on the same device starts after the previous
order: the warehouse's rules (30-day lookback, a path starts after the previous conversion) cut
no generated journey, so the paths must match exactly, apart from sessions whose GA4 lines were
damaged on purpose (quarantined session_start or purchase lines).
"""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from .conftest import BuildPaths

# Share of tracked conversions whose warehouse channel path must equal the true one.
MIN_EXACT_PATH_SHARE = 0.95
# Share of the warehouse's untracked conversions that must be orders of truly untracked visitors
# (the others are tracked visitors whose purchase event line was quarantined).
MIN_TRULY_UNTRACKED_SHARE = 0.8


@pytest.fixture(scope="module")
def truth_journeys(test_build: BuildPaths) -> pl.DataFrame:
    """One row per generated order: whether GA4 saw it and its true channel path."""
    return pl.read_parquet(test_build.truth / "order_journeys.parquet").select(
        "order_id", "is_tracked", "touchpoints", "channel_path", "last_touch_channel"
    )


@pytest.fixture(scope="module")
def converting_paths(
    warehouse: duckdb.DuckDBPyConnection, truth_journeys: pl.DataFrame
) -> pl.DataFrame:
    """The warehouse's converting paths joined to the truth of their orders."""
    paths = warehouse.sql(
        """
        select conversion_id, channel_path, touchpoint_count, last_touch_channel
        from marts.fct_conversion_paths
        where is_converting
        """
    ).pl()
    return paths.join(
        truth_journeys,
        left_on="conversion_id",
        right_on="order_id",
        how="left",
        suffix="_true",
    )


def test_every_conversion_is_a_generated_order(converting_paths: pl.DataFrame) -> None:
    assert converting_paths.height > 100, "the test build needs tracked conversions"
    assert converting_paths["is_tracked"].null_count() == 0
    assert converting_paths["is_tracked"].all(), "a conversion of an untracked visitor"


def test_channel_paths_match_the_true_journeys(converting_paths: pl.DataFrame) -> None:
    matched = converting_paths.filter(pl.col("channel_path") == pl.col("channel_path_true"))
    share = matched.height / converting_paths.height
    mismatches = converting_paths.filter(pl.col("channel_path") != pl.col("channel_path_true"))
    assert share >= MIN_EXACT_PATH_SHARE, mismatches.head(20)


def test_converting_touchpoint_is_the_true_last_touch(converting_paths: pl.DataFrame) -> None:
    matched = converting_paths.filter(
        pl.col("last_touch_channel") == pl.col("last_touch_channel_true")
    )
    assert matched.height / converting_paths.height >= MIN_EXACT_PATH_SHARE


def test_untracked_conversions_are_untracked_visitors(
    warehouse: duckdb.DuckDBPyConnection, truth_journeys: pl.DataFrame
) -> None:
    untracked = warehouse.sql("select conversion_id from marts.untracked_conversions").pl()
    joined = untracked.join(
        truth_journeys, left_on="conversion_id", right_on="order_id", how="left"
    )
    assert joined["is_tracked"].null_count() == 0, "an order the generator never made"
    truly_untracked = joined.filter(~pl.col("is_tracked")).height
    assert truly_untracked >= MIN_TRULY_UNTRACKED_SHARE * joined.height, joined


def test_untracked_share_is_near_the_generated_share(
    warehouse: duckdb.DuckDBPyConnection, truth_journeys: pl.DataFrame
) -> None:
    row = warehouse.sql(
        """
        select
            (select count(*) from marts.untracked_conversions) as untracked,
            (select count(*) from marts.fct_conversion_paths where is_converting) as tracked
        """
    ).fetchone()
    assert row is not None
    untracked, tracked = row
    measured = untracked / (untracked + tracked)
    true_share = 1 - truth_journeys["is_tracked"].mean()
    # Lost purchase lines add a little; the small test build allows a few points of noise.
    assert abs(measured - true_share) < 0.03, (measured, true_share)
