"""Tests of the simulated world (brands, products, creators, trends, daily latents)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from social_commerce.generate.config import DAYS, TAXONOMY, TIERS, scaled
from social_commerce.generate.world import (
    FAKE_CREATOR_SHARE,
    FAKE_JUMPS_SCHEMA,
    POSTS_SCHEMA,
    SENTIMENT_LAG_RANGE,
    World,
    build_world,
)

SCALE = 0.05


def _world(seed: int = 7, scale: float = SCALE) -> World:
    return build_world(np.random.default_rng([seed, 1]), scale)


@pytest.fixture(scope="module")
def world() -> World:
    """One small world shared by the tests of this module."""
    return _world()


@pytest.fixture(scope="module")
def big_world() -> World:
    """A larger world for distribution checks (still well under a second)."""
    return _world(seed=11, scale=0.5)


FRAMES = (
    "brands",
    "products",
    "creators",
    "creator_daily",
    "trends",
    "trend_daily",
    "sentiment_daily",
    "demand_daily",
    "posts",
    "fake_jumps",
)


def test_deterministic_for_a_seed() -> None:
    first, second, other = _world(), _world(), _world(seed=8)
    for name in FRAMES:
        assert getattr(first, name).equals(getattr(second, name)), name
    assert first.sentiment_lag_days == second.sentiment_lag_days
    assert not first.creators.equals(other.creators)


def test_schemas_match_the_spec(world: World) -> None:
    assert world.brands.schema == pl.Schema(
        {"brand": pl.String, "department": pl.String, "home_region": pl.String}
    )
    variant = pl.Struct(
        {"variant_id": pl.Int64, "sku": pl.String, "title": pl.String, "price": pl.Float64}
    )
    assert world.products.schema == pl.Schema(
        {
            "product_id": pl.Int64,
            "title": pl.String,
            "handle": pl.String,
            "brand": pl.String,
            "product_type": pl.String,
            "category": pl.String,
            "department": pl.String,
            "price": pl.Float64,
            "created_at": pl.Datetime("us", "UTC"),
            "hashtag": pl.String,
            "noun": pl.String,
            "variants": pl.List(variant),
        }
    )
    assert world.creators.schema == pl.Schema(
        {
            "creator_id": pl.Int64,
            "username": pl.String,
            "display_name": pl.String,
            "primary_platform": pl.String,
            "on_tiktok": pl.Boolean,
            "on_instagram": pl.Boolean,
            "tier": pl.String,
            "followers_start": pl.Int64,
            "followers_end": pl.Int64,
            "is_verified": pl.Boolean,
            "region_code": pl.String,
            "category": pl.String,
            "engagement_rate": pl.Float64,
            "fake_follower_share": pl.Float64,
            "audience_intent": pl.Float64,
            "promo_code": pl.String,
            "tiktok_user_id": pl.String,
            "instagram_account_id": pl.String,
        }
    )
    assert world.creator_daily.schema == pl.Schema(
        {"creator_id": pl.Int64, "platform": pl.String, "day": pl.Int32, "followers": pl.Int64}
    )
    assert world.trends.schema == pl.Schema(
        {
            "hashtag": pl.String,
            "category": pl.String,
            "emerge_day": pl.Int32,
            "peak_day": pl.Int32,
            "decline_day": pl.Int32,
            "fade_day": pl.Int32,
            "lifespan_days": pl.Int32,
            "peak_interest": pl.Float64,
            "is_evergreen": pl.Boolean,
        }
    )
    assert world.trend_daily.schema == pl.Schema(
        {"hashtag": pl.String, "day": pl.Int32, "interest": pl.Float64}
    )
    assert world.sentiment_daily.schema == pl.Schema(
        {"brand": pl.String, "day": pl.Int32, "sentiment": pl.Float64}
    )
    assert world.demand_daily.schema == pl.Schema(
        {"product_id": pl.Int64, "day": pl.Int32, "demand": pl.Float64}
    )
    assert world.posts.schema == pl.Schema(POSTS_SCHEMA)
    assert world.posts.height == 0  # filled by social.build_social
    assert world.fake_jumps.schema == pl.Schema(FAKE_JUMPS_SCHEMA)


def test_counts_follow_the_scale(world: World) -> None:
    assert world.brands.height == 40
    assert world.products.height == scaled("products", SCALE)
    assert world.creators.height == scaled("creators", SCALE)
    assert world.trends.height == 60
    assert world.trend_daily.height == 60 * DAYS
    assert world.sentiment_daily.height == 40 * DAYS
    assert world.demand_daily.height == world.products.height * DAYS


def test_tiny_scale_still_has_every_tier_and_category() -> None:
    tiny = _world(scale=0.01)
    assert set(tiny.creators["tier"]) == {t[0] for t in TIERS}
    categories = {cat for _, cat, _ in TAXONOMY}
    assert set(tiny.products["category"]) == categories
    assert set(tiny.creators["category"]) == categories


def test_brands_and_products_are_consistent(world: World) -> None:
    products = world.products.join(
        world.brands, on="brand", how="left", suffix="_brand", validate="m:1"
    )
    assert (products["department"] == products["department_brand"]).all()
    taxonomy = {cat: (ptype, dept) for ptype, cat, dept in TAXONOMY}
    for row in world.products.select("category", "product_type", "department").unique().iter_rows():
        assert taxonomy[row[0]] == (row[1], row[2])
    assert world.brands["brand"].is_unique().all()
    assert world.products["product_id"].is_unique().all()
    assert world.products["product_id"].cast(pl.String).str.len_chars().eq(13).all()
    assert world.products["handle"].is_unique().all()
    assert (world.products["price"] > 0).all()
    variants = (
        world.products.select("product_id", "variants").explode("variants").unnest("variants")
    )
    counts = world.products["variants"].list.len()
    assert counts.min() >= 1 and counts.max() <= 4
    assert variants["variant_id"].is_unique().all()
    assert variants["sku"].is_unique().all()
    assert (variants["price"] >= 2.99).all()
    fads = set(world.trends.filter(~pl.col("is_evergreen"))["hashtag"])
    assert set(world.products["hashtag"].drop_nulls()) <= fads


def test_tier_mix_and_follower_bounds(big_world: World) -> None:
    creators = big_world.creators
    shares = creators["tier"].value_counts(normalize=True)
    share = dict(zip(shares["tier"], shares["proportion"], strict=True))
    for name, low, high, expected in TIERS:
        assert share[name] == pytest.approx(expected, abs=0.02)
        tier = creators.filter(pl.col("tier") == name)
        assert tier["followers_start"].min() >= low
        assert tier["followers_start"].max() < high


def test_engagement_falls_and_verification_rises_with_tier(big_world: World) -> None:
    by_tier = big_world.creators.group_by("tier").agg(
        pl.col("engagement_rate").median(), pl.col("is_verified").mean()
    )
    order = {name: rank for rank, (name, *_) in enumerate(TIERS)}
    by_tier = by_tier.sort(pl.col("tier").replace_strict(order))
    assert by_tier["engagement_rate"].diff().drop_nulls().lt(0).all()
    assert by_tier["is_verified"].diff().drop_nulls().gt(0).all()


def test_verified_creators_grow_faster(big_world: World) -> None:
    growth = big_world.creators.filter(pl.col("fake_follower_share") == 0).with_columns(
        (pl.col("followers_end") / pl.col("followers_start")).log().alias("growth")
    )
    # Compare within tiers (verification concentrates in tiers that grow slower).
    for name in ("micro", "mid", "macro"):
        tier = growth.filter(pl.col("tier") == name)
        verified = tier.filter(pl.col("is_verified"))["growth"].mean()
        other = tier.filter(~pl.col("is_verified"))["growth"].mean()
        assert verified > other, name


def test_audience_intent_is_independent_of_audience_size(big_world: World) -> None:
    creators = big_world.creators
    intent = creators["audience_intent"].to_numpy()
    assert ((intent > 0) & (intent < 1)).all()
    size = np.log(creators["followers_start"].to_numpy())
    assert abs(np.corrcoef(intent, size)[0, 1]) < 0.1
    engagement = creators["engagement_rate"].to_numpy()
    assert abs(np.corrcoef(intent, engagement)[0, 1]) < 0.1
    # "High intent, modest engagement" creators exist.
    hidden = (intent > np.quantile(intent, 0.8)) & (engagement < np.median(engagement))
    assert hidden.sum() >= 10


def test_creator_identities_are_unique(big_world: World) -> None:
    creators = big_world.creators
    assert creators["creator_id"].is_unique().all()
    assert creators["username"].is_unique().all()
    assert creators["username"].str.contains(r"^[a-z0-9._]+$").all()
    assert creators["promo_code"].is_unique().all()
    assert creators["promo_code"].str.contains(r"^[A-Z0-9]+[0-9]{2}$").all()
    assert (creators["on_tiktok"] | creators["on_instagram"]).all()
    assert (creators["tiktok_user_id"].is_not_null() == creators["on_tiktok"]).all()
    assert (creators["instagram_account_id"].is_not_null() == creators["on_instagram"]).all()
    assert creators["tiktok_user_id"].drop_nulls().str.len_chars().eq(19).all()
    assert creators["instagram_account_id"].drop_nulls().str.len_chars().eq(17).all()
    regions = creators["region_code"].value_counts(normalize=True).sort("proportion")
    assert regions["region_code"][-1] == "US"


def test_fake_follower_creators_have_jumps(big_world: World) -> None:
    creators = big_world.creators
    fake = creators.filter(pl.col("fake_follower_share") > 0)
    assert fake.height == round(FAKE_CREATOR_SHARE * creators.height)
    assert fake["fake_follower_share"].is_between(0.2, 0.6).all()
    daily = big_world.creator_daily.join(
        creators.select("creator_id", "primary_platform"), on="creator_id"
    ).filter(pl.col("platform") == pl.col("primary_platform"))
    growth = daily.sort("creator_id", "day").with_columns(
        (pl.col("followers") / pl.col("followers").shift(1).over("creator_id") - 1).alias("rate")
    )
    jumps = growth.filter(pl.col("rate") > 0.01).select("creator_id", "day")
    planted = big_world.fake_jumps.select("creator_id", "day")
    # Every planted jump is visible as a >1 % one-day rise, and nothing else is.
    assert jumps.sort("creator_id", "day").equals(planted.sort("creator_id", "day"))
    assert set(planted["creator_id"]) == set(fake["creator_id"])
    per_creator = planted.group_by("creator_id").len()["len"]
    assert per_creator.min() >= 2 and per_creator.max() <= 5
    # The fake share of the final audience is what was planted.
    added = big_world.fake_jumps.group_by("creator_id").agg(pl.col("added_followers").sum())
    check = fake.join(added, on="creator_id").with_columns(
        (pl.col("added_followers") / pl.col("followers_end")).alias("share")
    )
    assert np.allclose(check["share"], check["fake_follower_share"], atol=0.01)


def test_follower_series_end_where_the_creator_frame_says(world: World) -> None:
    primary = world.creator_daily.join(
        world.creators.select("creator_id", "primary_platform", "followers_start", "followers_end"),
        on="creator_id",
    ).filter(pl.col("platform") == pl.col("primary_platform"))
    first = primary.filter(pl.col("day") == 0)
    last = primary.filter(pl.col("day") == DAYS - 1)
    assert (first["followers"] == first["followers_start"]).all()
    assert (last["followers"] == last["followers_end"]).all()
    both = world.creators.filter(pl.col("on_tiktok") & pl.col("on_instagram")).height
    assert world.creator_daily.height == (world.creators.height + both) * DAYS


def test_trend_lifecycles_are_ordered(world: World) -> None:
    trends = world.trends
    assert trends["hashtag"].is_unique().all()
    assert (trends["emerge_day"] < trends["peak_day"]).all()
    assert (trends["peak_day"] < trends["decline_day"]).all()
    assert (trends["decline_day"] < trends["fade_day"]).all()
    fads = trends.filter(~pl.col("is_evergreen"))
    assert fads["lifespan_days"].is_between(14, 140).all()
    assert {"amazonfinds", "tiktokmademebuyit"} <= set(trends["hashtag"])
    assert 3 <= trends["is_evergreen"].sum() <= 8


def test_trend_interest_rises_peaks_and_decays(world: World) -> None:
    daily = world.trend_daily.join(world.trends, on="hashtag").filter(~pl.col("is_evergreen"))
    assert daily["interest"].is_between(0, 1).all()
    stage = daily.with_columns(
        pl.when(pl.col("day") < pl.col("emerge_day"))
        .then(pl.lit("before"))
        .when(pl.col("day").is_between(pl.col("peak_day"), pl.col("decline_day")))
        .then(pl.lit("peak"))
        .when(pl.col("day") > pl.col("fade_day"))
        .then(pl.lit("faded"))
        .alias("stage")
    )
    mean = dict(
        stage.drop_nulls("stage").group_by("stage").agg(pl.col("interest").mean()).iter_rows()
    )
    assert mean["before"] == 0
    assert mean["peak"] > 10 * mean["faded"]


def test_sentiment_is_bounded_and_lag_planted(world: World) -> None:
    sentiment = world.sentiment_daily["sentiment"]
    assert sentiment.is_between(-1, 1).all()
    low, high = SENTIMENT_LAG_RANGE
    assert low <= world.sentiment_lag_days <= high
    # Smooth: day-to-day changes are small next to the spread of the series.
    series = world.sentiment_daily.sort("brand", "day")
    step = series.select(pl.col("sentiment").diff().over("brand").abs().median()).item()
    assert step < 0.5 * sentiment.std()


def test_demand_peaks_in_the_holiday_season(world: World) -> None:
    by_day = world.demand_daily.group_by("day").agg(pl.col("demand").sum()).sort("day")
    demand = by_day["demand"].to_numpy()
    assert (demand >= 0).all()
    holiday = demand[:61].mean()  # November and December
    rest = demand[61:].mean()
    assert holiday > 1.15 * rest
    assert demand.argmax() in (27, 30)  # Black Friday or Cyber Monday


def test_demand_is_zero_before_launch(world: World) -> None:
    launched = world.products.select(
        "product_id",
        ((pl.col("created_at") - pl.datetime(2025, 11, 1, time_zone="UTC")).dt.total_days())
        .cast(pl.Int32)
        .alias("launch_day"),
    )
    early = world.demand_daily.join(launched, on="product_id").filter(
        pl.col("day") < pl.col("launch_day")
    )
    assert (early["demand"] == 0).all()


def test_demand_follows_lagged_sentiment(big_world: World) -> None:
    """Demand / its 4-week mean correlates best with brand sentiment ``lag`` days earlier."""
    demand = big_world.demand_daily.join(
        big_world.products.select("product_id", "brand", "hashtag"), on="product_id"
    ).filter(pl.col("hashtag").is_null() & (pl.col("demand") > 0))
    by_brand = demand.group_by("brand", "day").agg(pl.col("demand").sum())
    by_day = big_world.demand_daily.group_by("day").agg(pl.col("demand").sum().alias("all"))
    joined = (
        by_brand.join(by_day, on="day")
        .join(big_world.sentiment_daily, on=["brand", "day"])
        .sort("brand", "day")
        .with_columns((pl.col("demand") / pl.col("all")).log().alias("relative"))
    )
    correlations = {}
    for lag in range(0, 9):
        shifted = joined.with_columns(
            pl.col("sentiment").shift(lag).over("brand").alias("lagged"),
            (pl.col("relative") - pl.col("relative").mean().over("brand")).alias("centred"),
        ).drop_nulls("lagged")
        correlations[lag] = np.corrcoef(shifted["lagged"], shifted["centred"])[0, 1]
    assert max(correlations, key=correlations.__getitem__) == big_world.sentiment_lag_days
