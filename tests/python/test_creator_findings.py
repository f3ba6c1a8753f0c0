"""virality_findings and brand_creator_recommendations on the test build (scale 0.03, 45 creators).

Directions are checked against what the generator planted (engagement falls with tier, verified
accounts grow faster at equal size, ~7 % viral outliers) where the planted effect shows at this
scale: mid-tier vs mega engagement and verified growth are asserted on the point estimate only
(their 95 % intervals include 0 at 0.03; the engagement gap is significant at scale 0.1). Findings
without a planted truth (best posting slot, fastest-growing region, viral predictors) are checked
for interval sanity only. The SQL statistics are recomputed here from the marts' inputs.
"""

from __future__ import annotations

import math

import duckdb
import numpy as np
import polars as pl
import pytest
from scipy import stats

Z_95 = 1.96
FINDING_IDS = {
    "engagement_mid_vs_celebrity",
    "growth_verified_vs_unverified",
    "viral_predictor_engagement_vs_followers",
    "best_posting_slot",
    "correlation_views_likes",
    "correlation_views_conversions",
    "correlation_likes_conversions",
    "fastest_growing_region",
}


@pytest.fixture(scope="module")
def findings(warehouse: duckdb.DuckDBPyConnection) -> dict[str, dict[str, object]]:
    """virality_findings as {finding_id: row}."""
    rows = warehouse.sql("select * from marts.virality_findings").pl().to_dicts()
    return {row["finding_id"]: row for row in rows}


@pytest.fixture(scope="module")
def recommendations(warehouse: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return warehouse.sql("select * from marts.brand_creator_recommendations").pl()


def _welch(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Difference of means with its normal-approximation 95 % interval (Welch standard error)."""
    diff = a.mean() - b.mean()
    se = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    return diff, diff - Z_95 * se, diff + Z_95 * se


def test_every_finding_is_computed(findings: dict[str, dict[str, object]]) -> None:
    assert set(findings) == FINDING_IDS
    for finding_id, row in findings.items():
        assert row["effect_size"] is not None, finding_id
        assert row["ci_low"] is not None and row["ci_high"] is not None, finding_id
        assert row["ci_low"] <= row["effect_size"] <= row["ci_high"], row
        assert row["finding_text"] and "95% CI" in row["finding_text"], row
        if row["p_value"] is not None:
            assert 0 <= row["p_value"] <= 1, row
            # the p-value and the 95 % interval agree on significance
            assert (row["p_value"] < 0.05) == row["is_significant"], row


def test_mid_tier_engages_more_than_mega(findings: dict[str, dict[str, object]]) -> None:
    row = findings["engagement_mid_vs_celebrity"]
    assert (row["group_a"], row["group_b"]) == ("mid", "mega")
    assert row["n_a"] >= 3 and row["n_b"] >= 3, row
    # planted: median engagement 5.8 % (mid) vs 3.8 % (mega); point estimate only at 0.03
    assert row["effect_size"] > 0, row
    assert row["ci_high"] > 0, row


def test_mid_vs_mega_statistics_match_a_recomputation(
    warehouse: duckdb.DuckDBPyConnection, findings: dict[str, dict[str, object]]
) -> None:
    accounts = warehouse.sql(
        """
        select creators.tier, avg(posts.engagement_rate_by_views) as engagement_rate
        from marts.fct_posts as posts
        inner join marts.dim_creators as creators
            on posts.creator_platform_id = creators.creator_platform_id
        where posts.view_count > 0 and posts.engagement_rate_by_views is not null
            and creators.tier in ('mid', 'mega')
        group by posts.creator_platform_id, creators.tier
        """
    ).pl()
    mid = accounts.filter(pl.col("tier") == "mid")["engagement_rate"].to_numpy()
    mega = accounts.filter(pl.col("tier") == "mega")["engagement_rate"].to_numpy()
    diff, low, high = _welch(mid, mega)
    row = findings["engagement_mid_vs_celebrity"]
    assert row["effect_size"] == pytest.approx(diff, abs=1e-12)
    assert row["ci_low"] == pytest.approx(low, abs=1e-12)
    assert row["ci_high"] == pytest.approx(high, abs=1e-12)
    expected_p = 2 * stats.norm.sf(abs(diff) / ((high - low) / (2 * Z_95)))
    assert row["p_value"] == pytest.approx(expected_p, abs=1e-6)


def test_verified_accounts_grow_faster_at_equal_tier(
    findings: dict[str, dict[str, object]],
) -> None:
    row = findings["growth_verified_vs_unverified"]
    assert (row["group_a"], row["group_b"]) == ("verified", "unverified")
    assert row["n_a"] >= 5, row
    # planted: +0.15 annual log growth for verified accounts; point estimate only at 0.03
    assert row["effect_size"] > 0, row


def test_views_likes_and_conversions_move_together(
    warehouse: duckdb.DuckDBPyConnection, findings: dict[str, dict[str, object]]
) -> None:
    totals = warehouse.sql(
        """
        select posts.creator_username, sum(posts.view_count) as views,
               sum(posts.like_count) as likes,
               max(conversions.attributed_order_count) as conversions
        from marts.fct_posts as posts
        inner join intermediate.int_creator_conversions_attributed as conversions
            on posts.creator_username = conversions.creator_username
        where posts.view_count > 0 and posts.engagement_rate_by_views is not null
        group by posts.creator_username
        """
    ).pl()
    for finding_id, x, y in [
        ("correlation_views_likes", "views", "likes"),
        ("correlation_views_conversions", "views", "conversions"),
        ("correlation_likes_conversions", "likes", "conversions"),
    ]:
        rho = stats.spearmanr(totals[x].to_numpy(), totals[y].to_numpy()).statistic
        row = findings[finding_id]
        assert row["n_a"] == totals.height
        assert row["effect_size"] == pytest.approx(rho, abs=1e-9), finding_id
    assert findings["correlation_views_likes"]["effect_size"] > 0.8
    assert findings["correlation_views_likes"]["is_significant"]
    assert findings["correlation_views_conversions"]["effect_size"] > 0


def test_viral_predictor_comparison_is_sane(
    warehouse: duckdb.DuckDBPyConnection, findings: dict[str, dict[str, object]]
) -> None:
    row = findings["viral_predictor_engagement_vs_followers"]
    assert -1 <= row["value_a"] <= 1 and -1 <= row["value_b"] <= 1
    assert row["effect_size"] == pytest.approx(abs(row["value_a"]) - abs(row["value_b"]))
    assert -2 <= row["ci_low"] <= row["ci_high"] <= 2
    # planted ~7 % viral outliers: the flag these correlations use is not degenerate
    viral_share = warehouse.sql(
        "select avg(case when is_viral then 1.0 else 0.0 end) from marts.fct_posts "
        "where creator_median_views is not null"
    ).fetchone()[0]
    assert 0.02 < viral_share < 0.2, viral_share


def test_best_slot_and_region_are_the_tops_they_claim(
    findings: dict[str, dict[str, object]],
) -> None:
    slot = findings["best_posting_slot"]
    assert slot["n_a"] >= 20 and slot["group_b"] == "all other slots"
    assert slot["value_a"] >= slot["value_b"]
    region = findings["fastest_growing_region"]
    assert region["n_a"] >= 3 and region["group_b"] == "all other regions"
    assert region["value_a"] >= region["value_b"]


def test_recommendation_ranks_run_from_one(recommendations: pl.DataFrame) -> None:
    assert recommendations.height > 0
    per_brand = recommendations.group_by("brand_name").agg(
        pl.len().alias("n"),
        pl.col("recommendation_rank").min().alias("first"),
        pl.col("recommendation_rank").max().alias("last"),
        pl.col("recommendation_rank").n_unique().alias("distinct_ranks"),
    )
    assert (per_brand["first"] == 1).all()
    assert (per_brand["last"] == per_brand["n"]).all()
    assert (per_brand["distinct_ranks"] == per_brand["n"]).all()


def test_recommendations_favour_creators_in_the_brands_categories(
    warehouse: duckdb.DuckDBPyConnection, recommendations: pl.DataFrame
) -> None:
    candidates = warehouse.sql(
        "select brand_name, avg(category_fit_rate) as mean_fit "
        "from intermediate.int_brand_creator_category_fit group by brand_name"
    ).pl()
    recommended = recommendations.group_by("brand_name").agg(
        pl.col("category_fit_rate").mean().alias("recommended_fit")
    )
    joined = recommended.join(candidates, on="brand_name")
    assert joined.height == recommended.height
    assert (recommendations["category_fit_rate"] > 0).all()
    # the recommended creators fit the brand better than the average creator does
    worse = joined.filter(pl.col("recommended_fit") <= pl.col("mean_fit"))
    assert worse.height == 0, worse


def test_reasons_quote_the_numbers(recommendations: pl.DataFrame) -> None:
    for row in recommendations.head(20).to_dicts():
        assert f"{100 * row['category_fit_rate']:.0f}% of product posts in" in row["reasons"], row
        assert f"{row['audience_authenticity_0_100']:.0f}/100 authentic" in row["reasons"], row
