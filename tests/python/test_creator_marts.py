"""Creator marts checked against the generator's truth: the audience-authenticity estimate
must single out the creators who bought followers, without accusing the others."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from .conftest import BuildPaths

# A clean creator counts as falsely accused above this estimated fake-follower share.
FALSE_ALARM_SHARE = 0.05


@pytest.fixture(scope="module")
def authenticity(test_build: BuildPaths, warehouse: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per creator of the scorecard, with whether the generator planted fake followers."""
    fake = (
        pl.read_parquet(test_build.truth / "creator_fake_followers.parquet")
        .select("username")
        .unique()
        .with_columns(pl.lit(True).alias("has_fake_followers"))
    )
    scorecard = warehouse.sql(
        """
        select creator_username, estimated_fake_follower_share, audience_authenticity_0_100,
               score_0_100
        from marts.creator_scorecard
        """
    ).pl()
    return scorecard.join(
        fake, left_on="creator_username", right_on="username", how="left"
    ).with_columns(pl.col("has_fake_followers").fill_null(False))


def test_planted_fake_follower_creators_are_in_the_scorecard(authenticity: pl.DataFrame) -> None:
    fake = authenticity.filter(pl.col("has_fake_followers"))
    assert fake.height >= 2, "the test build needs two creators with bought followers"


def test_fake_follower_creators_score_lower_on_authenticity(authenticity: pl.DataFrame) -> None:
    means = authenticity.group_by("has_fake_followers").agg(
        pl.col("audience_authenticity_0_100").mean().alias("mean_authenticity")
    )
    by_group = dict(zip(means["has_fake_followers"], means["mean_authenticity"], strict=True))
    # Planted shares are 20-60 % of the audience: the gap must be clear, not a rounding effect.
    assert by_group[True] < by_group[False] - 10, by_group


def test_most_fake_follower_creators_are_flagged(authenticity: pl.DataFrame) -> None:
    fake = authenticity.filter(pl.col("has_fake_followers"))
    flagged = fake.filter(pl.col("estimated_fake_follower_share") > FALSE_ALARM_SHARE)
    assert flagged.height >= fake.height / 2, fake


def test_clean_creators_are_rarely_accused(authenticity: pl.DataFrame) -> None:
    clean = authenticity.filter(~pl.col("has_fake_followers"))
    accused = clean.filter(pl.col("estimated_fake_follower_share") > FALSE_ALARM_SHARE)
    assert accused.height <= 0.1 * clean.height, accused


def test_scores_lie_in_0_100(authenticity: pl.DataFrame) -> None:
    scores = authenticity["score_0_100"]
    assert scores.null_count() == 0
    assert scores.min() >= 0 and scores.max() <= 100


def test_score_rank_orders_creators_by_score_then_username(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """score_rank is 1..n without gaps, by score (best first), ties by username: the report
    site's leaderboard and creator pages show it as is."""
    ranked = warehouse.sql(
        "select creator_username, score_0_100, score_rank from marts.creator_scorecard"
    ).pl()
    expected = ranked.sort(["score_0_100", "creator_username"], descending=[True, False])
    assert expected["score_rank"].to_list() == list(range(1, ranked.height + 1))
