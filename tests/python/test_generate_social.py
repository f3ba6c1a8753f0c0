"""Tests of the social generator (TikTok, Instagram, X, Reddit, Google Trends records)."""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import polars as pl
import pytest

from social_commerce.generate.config import (
    DAYS,
    START,
    TIERS,
    EntityFrames,
    MessRates,
    scaled,
)
from social_commerce.generate.mess import damage, encode_json
from social_commerce.generate.world import POSTS_SCHEMA, World, build_world

SCALE = 0.04
START_S = int(START.timestamp())
END_S = START_S + DAYS * 86_400
PULL_CAP_S = END_S + 3 * 86_400


def _fallback_text_module() -> types.ModuleType:
    """A stand-in for ``generate.text`` (written by another engineer) with the same signatures.

    Used only while the real module does not exist yet, so these tests can run on their own.
    """
    module = types.ModuleType("social_commerce.generate.text")
    phrases = np.array(["nice", "love this", "where can i get the", "just ordered the"])

    def comment_texts(
        rng: np.random.Generator,
        intent_level: np.ndarray,
        noun: np.ndarray,
        category: np.ndarray,
        brand: np.ndarray,
    ) -> np.ndarray:
        return np.char.add(np.char.add(phrases[np.asarray(intent_level)], " "), noun)

    def mention_texts(
        rng: np.random.Generator,
        sentiment: np.ndarray,
        brand: np.ndarray,
        noun: np.ndarray,
        kind: str,
    ) -> np.ndarray:
        return np.char.add(np.char.add(np.asarray(brand, str), " "), np.asarray(noun, str))

    def video_descriptions(
        rng: np.random.Generator,
        noun: np.ndarray,
        brand: np.ndarray,
        hashtags: np.ndarray,
        is_sponsored: np.ndarray,
    ) -> np.ndarray:
        return np.asarray(noun, str)

    def bios(rng: np.random.Generator, category: np.ndarray, region_code: np.ndarray) -> np.ndarray:
        return np.char.add("all things ", np.asarray(category, str))

    def sentiment_label(sentiment: np.ndarray) -> np.ndarray:
        values = np.asarray(sentiment)
        return np.where(values > 0.2, "positive", np.where(values < -0.2, "negative", "neutral"))

    functions: list[Callable[..., np.ndarray]] = [
        comment_texts,
        mention_texts,
        video_descriptions,
        bios,
        sentiment_label,
    ]
    for function in functions:
        setattr(module, function.__name__, function)
    return module


def _build_social() -> Callable[[np.random.Generator, World, float], EntityFrames]:
    """``build_social``, importable even before ``generate/text.py`` exists."""
    name = "social_commerce.generate.text"
    if name not in sys.modules and importlib.util.find_spec(name) is None:
        import social_commerce.generate as package

        module = _fallback_text_module()
        sys.modules[module.__name__] = module
        package.text = module  # type: ignore[attr-defined]
    from social_commerce.generate.social import build_social

    return build_social


@dataclass(frozen=True)
class Built:
    """A world and the social frames built from it."""

    world: World
    frames: EntityFrames

    @property
    def records(self) -> dict[str, pl.DataFrame]:
        return self.frames.records

    @property
    def truth(self) -> dict[str, pl.DataFrame]:
        return self.frames.truth


def _build(seed: int = 7, scale: float = SCALE) -> Built:
    world = build_world(np.random.default_rng([seed, 1]), scale)
    frames = _build_social()(np.random.default_rng([seed, 2]), world, scale)
    return Built(world, frames)


@pytest.fixture(scope="module")
def built() -> Built:
    """One small build shared by the tests of this module."""
    return _build()


#: The raw contract (README "Raw extracts"): top-level and nested field names, exactly.
CONTRACT: dict[str, list[str]] = {
    "tiktok/user_info": [
        "username",
        "display_name",
        "bio_description",
        "is_verified",
        "follower_count",
        "following_count",
        "likes_count",
        "video_count",
        "pulled_at",
    ],
    "tiktok/videos": [
        "id",
        "create_time",
        "username",
        "region_code",
        "video_description",
        "hashtag_names",
        "view_count",
        "like_count",
        "comment_count",
        "share_count",
        "video_duration",
        "music_id",
        "anchors",
        "pulled_at",
    ],
    "tiktok/comments": [
        "id",
        "video_id",
        "text",
        "like_count",
        "reply_count",
        "parent_comment_id",
        "create_time",
        "pulled_at",
    ],
    "instagram/accounts": [
        "id",
        "username",
        "name",
        "biography",
        "followers_count",
        "follows_count",
        "media_count",
        "is_verified",
        "pulled_at",
    ],
    "instagram/media": [
        "id",
        "owner",
        "caption",
        "media_type",
        "media_product_type",
        "timestamp",
        "permalink",
        "like_count",
        "comments_count",
        "insights",
        "product_tags",
        "pulled_at",
    ],
    "x/tweets": [
        "id",
        "text",
        "created_at",
        "lang",
        "author_id",
        "author",
        "public_metrics",
        "entities",
        "pulled_at",
    ],
    "reddit/submissions": ["kind", "data", "pulled_at"],
    "reddit/comments": ["kind", "data", "pulled_at"],
    "trends/interest_over_time": ["file_batch", "day", "term", "value"],
}

NESTED: dict[tuple[str, str], pl.DataType] = {
    ("tiktok/videos", "hashtag_names"): pl.List(pl.String),
    ("tiktok/videos", "anchors"): pl.List(
        pl.Struct({"type": pl.String, "id": pl.String, "url": pl.String})
    ),
    ("instagram/media", "owner"): pl.Struct({"id": pl.String, "username": pl.String}),
    ("instagram/media", "insights"): pl.Struct(
        {
            "data": pl.List(
                pl.Struct({"name": pl.String, "values": pl.List(pl.Struct({"value": pl.Int64}))})
            )
        }
    ),
    ("instagram/media", "product_tags"): pl.List(pl.Struct({"product_id": pl.Int64})),
    ("x/tweets", "author"): pl.Struct(
        {
            "id": pl.String,
            "username": pl.String,
            "name": pl.String,
            "verified": pl.Boolean,
            "public_metrics": pl.Struct({"followers_count": pl.Int64}),
        }
    ),
    ("x/tweets", "public_metrics"): pl.Struct(
        {
            "retweet_count": pl.Int64,
            "reply_count": pl.Int64,
            "like_count": pl.Int64,
            "quote_count": pl.Int64,
            "impression_count": pl.Int64,
        }
    ),
    ("x/tweets", "entities"): pl.Struct(
        {
            "hashtags": pl.List(pl.Struct({"tag": pl.String})),
            "cashtags": pl.List(pl.Struct({"tag": pl.String})),
            "mentions": pl.List(pl.Struct({"username": pl.String})),
        }
    ),
}

REDDIT_DATA = {
    "reddit/submissions": [
        "id",
        "name",
        "subreddit",
        "title",
        "selftext",
        "author",
        "created_utc",
        "score",
        "upvote_ratio",
        "num_comments",
        "permalink",
    ],
    "reddit/comments": [
        "id",
        "name",
        "link_id",
        "parent_id",
        "subreddit",
        "body",
        "author",
        "created_utc",
        "score",
    ],
}


def _data(frame: pl.DataFrame) -> pl.DataFrame:
    """The ``data`` struct of Reddit listing children, unnested."""
    return frame.select("data").unnest("data")


def test_deterministic_for_a_seed() -> None:
    first, second = _build(scale=0.02), _build(scale=0.02)
    for key, frame in first.records.items():
        assert frame.equals(second.records[key]), key
    for key, frame in first.truth.items():
        assert frame.equals(second.truth[key]), key
    assert first.world.posts.equals(second.world.posts)


def test_entities_and_truth_tables_are_all_there(built: Built) -> None:
    assert set(built.records) == set(CONTRACT)
    assert set(built.truth) == {
        "creator_fake_followers",
        "trend_lifecycle",
        "sentiment_lag",
        "comment_intent",
        "mention_sentiment",
        "creator_truth",
    }


def test_field_names_match_the_contract(built: Built) -> None:
    for key, fields in CONTRACT.items():
        assert built.records[key].columns == fields, key
    for (key, column), dtype in NESTED.items():
        assert built.records[key].schema[column] == dtype, (key, column)
    for key, fields in REDDIT_DATA.items():
        assert _data(built.records[key]).columns == fields, key
    assert set(built.records["reddit/submissions"]["kind"]) == {"t3"}
    assert set(built.records["reddit/comments"]["kind"]) == {"t1"}


def test_records_survive_the_defect_injector(built: Built) -> None:
    """Every field the injector damages exists in every line (mess.damage raises otherwise)."""
    rates = MessRates(
        duplicate_repull=0.05, late_arrival=0.02, malformed_line=0.0, wrong_type=0.05,
        impossible_value=0.05, missing_key=0.02, unknown_currency=0.0,
    )  # fmt: skip
    for key, frame in built.records.items():
        if key.startswith("trends/"):
            continue
        lines = damage(key, frame, "jsonl", rates, np.random.default_rng(1)).lines
        assert len(lines) >= frame.height, key
    assert encode_json(built.records["instagram/media"].head(1))[0].startswith('{"id":"')


def test_counts_follow_the_scale(built: Built) -> None:
    records = built.records
    assert records["tiktok/videos"].height == scaled("tiktok_videos", SCALE)
    assert records["instagram/media"].height == scaled("instagram_media", SCALE)
    assert records["tiktok/comments"].height == scaled("tiktok_comments", SCALE)
    assert records["x/tweets"].height == scaled("tweets", SCALE)
    assert records["reddit/submissions"].height == scaled("reddit_submissions", SCALE)
    assert records["reddit/comments"].height == scaled("reddit_comments", SCALE)
    creators = built.world.creators
    assert records["tiktok/user_info"].height == 12 * creators["on_tiktok"].sum()
    assert records["instagram/accounts"].height == 12 * creators["on_instagram"].sum()


def test_ids_are_unique_and_shaped_like_the_apis(built: Built) -> None:
    records = built.records
    shapes = {
        ("tiktok/videos", "id"): r"^[0-9]{19}$",
        ("tiktok/comments", "id"): r"^[0-9]{19}$",
        ("instagram/media", "id"): r"^[0-9]{17}$",
        ("x/tweets", "id"): r"^[0-9]{19}$",
    }
    for (key, column), pattern in shapes.items():
        ids = records[key][column]
        assert ids.is_unique().all(), key
        assert ids.str.contains(pattern).all(), key
    for key in ("reddit/submissions", "reddit/comments"):
        data = _data(records[key])
        assert data["id"].is_unique().all()
        assert data["id"].str.contains(r"^[0-9a-z]{7}$").all()
        prefix = "t3_" if key.endswith("submissions") else "t1_"
        assert (data["name"] == prefix + data["id"]).all()
    submissions = set(_data(records["reddit/submissions"])["id"])
    assert not submissions & set(_data(records["reddit/comments"])["id"])
    assert records["instagram/accounts"]["id"].str.contains(r"^[0-9]{17}$").all()
    assert built.world.posts["post_id"].is_unique().all()


def test_timestamps_are_in_the_window_and_formatted(built: Built) -> None:
    records = built.records
    videos = records["tiktok/videos"]
    assert videos["create_time"].is_between(START_S, END_S - 1).all()
    comments = records["tiktok/comments"]
    assert comments["create_time"].is_between(START_S, END_S - 1).all()
    media = records["instagram/media"]
    assert media["timestamp"].str.contains(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$").all()
    tweets = records["x/tweets"]
    assert tweets["created_at"].str.contains(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$").all()
    for key in CONTRACT:
        if key.startswith("trends/"):
            continue
        pulled = records[key]["pulled_at"]
        assert pulled.str.contains(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").all(), key
        seconds = pulled.str.to_datetime(time_zone="UTC").dt.epoch("s")
        assert seconds.is_between(START_S, PULL_CAP_S).all(), key
    # Never pulled before created.
    pairs = [
        (videos["create_time"], videos["pulled_at"]),
        (comments["create_time"], comments["pulled_at"]),
        (
            media["timestamp"].str.to_datetime("%Y-%m-%dT%H:%M:%S%z").dt.epoch("s"),
            media["pulled_at"],
        ),
        (
            tweets["created_at"].str.to_datetime(time_zone="UTC").dt.epoch("s"),
            tweets["pulled_at"],
        ),
        *[
            (_data(records[key])["created_utc"], records[key]["pulled_at"])
            for key in ("reddit/submissions", "reddit/comments")
        ],
    ]
    for created, pulled in pairs:
        pulled_s = pulled.str.to_datetime(time_zone="UTC").dt.epoch("s")
        assert (created.cast(pl.Int64) <= pulled_s).all()
        assert created.cast(pl.Int64).is_between(START_S, END_S - 1).all()


def test_posts_frame_for_commerce(built: Built) -> None:
    posts = built.world.posts
    assert posts.schema == pl.Schema(POSTS_SCHEMA)
    videos, media = built.records["tiktok/videos"], built.records["instagram/media"]
    assert posts.height == videos.height + media.height
    tiktok = posts.filter(pl.col("platform") == "tiktok")
    assert set(tiktok["post_id"]) == set(videos["id"])
    assert set(posts.filter(pl.col("platform") == "instagram")["post_id"]) == set(media["id"])
    joined = tiktok.join(videos, left_on="post_id", right_on="id")
    assert (joined["views"] == joined["view_count"]).all()
    assert (joined["hashtags"] == joined["hashtag_names"]).all()
    assert set(posts["creator_id"]) <= set(built.world.creators["creator_id"])
    assert set(posts["product_id"].drop_nulls()) <= set(built.world.products["product_id"])
    assert posts["product_id"].is_not_null().mean() == pytest.approx(0.72, abs=0.04)
    # Sponsored posts always feature a product (of the sponsoring brand).
    assert posts.filter(pl.col("is_sponsored"))["product_id"].is_not_null().all()
    assert (posts["likes"] <= posts["views"]).all()


def test_posts_belong_to_accounts_on_their_platform(built: Built) -> None:
    creators = built.world.creators
    posts = built.world.posts.join(creators, on="creator_id")
    assert posts.filter(pl.col("platform") == "tiktok")["on_tiktok"].all()
    assert posts.filter(pl.col("platform") == "instagram")["on_instagram"].all()
    owners = built.records["instagram/media"].select(
        pl.col("owner").struct.field("id"), pl.col("owner").struct.field("username")
    )
    accounts = creators.select(pl.col("instagram_account_id").alias("id"), "username")
    assert owners.join(accounts, on=["id", "username"], how="anti").height == 0


def test_viral_share_and_engagement_by_tier() -> None:
    built = _build(seed=3, scale=0.25)
    posts = built.world.posts.join(
        built.world.creators.select("creator_id", "tier"), on="creator_id"
    )
    assert posts["is_viral"].mean() == pytest.approx(0.07, abs=0.015)
    viral = posts.filter(pl.col("is_viral"))["views"].median()
    ordinary = posts.filter(~pl.col("is_viral"))["views"].median()
    assert viral > 2 * ordinary
    tiktok = posts.filter(pl.col("platform") == "tiktok")
    rate = tiktok.group_by("tier").agg(
        ((pl.col("likes") + pl.col("comments") + pl.col("shares")) / pl.col("views"))
        .median()
        .alias("engagement")
    )
    order = {name: rank for rank, (name, *_) in enumerate(TIERS)}
    median = dict(rate.iter_rows())
    # Falls with tier (non-adjacent tiers: the top tiers hold only a handful of creators here).
    assert median["nano"] > median["mid"] > median["mega"]
    assert median["micro"] > median["macro"]
    # Views are a fraction of followers for ordinary posts (reach 20-40 % x noise).
    sponsored_share = (
        tiktok.group_by("tier")
        .agg(pl.col("is_sponsored").mean())
        .sort(pl.col("tier").replace_strict(order))
    )
    assert sponsored_share["is_sponsored"][0] < sponsored_share["is_sponsored"][-1]


def test_views_scale_with_real_followers(built: Built) -> None:
    posts = built.world.posts.filter(~pl.col("is_viral") & ~pl.col("is_sponsored"))
    daily = built.world.creator_daily.rename({"platform": "on"})
    joined = (
        posts.with_columns(
            ((pl.col("created_at").dt.epoch("s") - START_S) // 86_400).cast(pl.Int32).alias("day")
        )
        .join(
            daily, left_on=["creator_id", "platform", "day"], right_on=["creator_id", "on", "day"]
        )
        .join(built.world.creators.select("creator_id", "fake_follower_share"), on="creator_id")
        .filter(pl.col("fake_follower_share") == 0)
    )
    reach = (joined["views"] / joined["followers"]).median()
    assert 0.15 < reach < 0.6


def test_posting_pattern(built: Built) -> None:
    posts = _build(seed=5, scale=0.2).world.posts
    weekday = posts["created_at"].dt.weekday().value_counts(normalize=True)
    share = dict(zip(weekday["created_at"], weekday["proportion"], strict=True))
    assert min(share[2], share[3], share[4]) > max(share[6], share[7])  # Tue-Thu > weekend
    months = posts["created_at"].dt.month().value_counts().sort("created_at")
    by_month = dict(zip(months["created_at"], months["count"], strict=True))
    assert by_month[12] > np.median(list(by_month.values()))


def test_hashtags_follow_trend_lifecycles(built: Built) -> None:
    trends = built.world.trends.filter(~pl.col("is_evergreen"))
    uses = (
        built.world.posts.select(
            ((pl.col("created_at").dt.epoch("s") - START_S) // 86_400).cast(pl.Int32).alias("day"),
            "hashtags",
        )
        .explode("hashtags")
        .join(trends, left_on="hashtags", right_on="hashtag")
    )
    assert (uses["day"] >= uses["emerge_day"]).all()  # nobody uses a fad before it exists
    at_peak = uses.filter(pl.col("day").is_between(pl.col("peak_day"), pl.col("decline_day")))
    peak_days = trends.select(
        (pl.min_horizontal("decline_day", DAYS - 1) - pl.max_horizontal("peak_day", 0) + 1)
        .clip(0)
        .sum()
    ).item()
    late = uses.filter(pl.col("day") > pl.col("fade_day"))
    late_days = trends.select((DAYS - 1 - pl.col("fade_day")).clip(0).sum()).item()
    assert at_peak.height / peak_days > 5 * late.height / max(late_days, 1)
    videos = built.records["tiktok/videos"]
    evergreen = videos["hashtag_names"].explode().is_in(["tiktokmademebuyit", "amazonfinds"])
    assert evergreen.sum() > 0


def test_sponsored_posts_disclose(built: Built) -> None:
    posts = built.world.posts.filter(pl.col("is_sponsored"))
    disclosed = posts["hashtags"].list.set_intersection(["ad", "sponsored"]).list.len() > 0
    assert disclosed.mean() > 0.85
    organic = built.world.posts.filter(~pl.col("is_sponsored"))
    assert not organic["hashtags"].list.contains("ad").any()


def test_anchors_and_product_tags_point_at_products(built: Built) -> None:
    products = set(built.world.products["product_id"])
    anchors = built.records["tiktok/videos"].select("anchors").explode("anchors").unnest("anchors")
    anchors = anchors.drop_nulls("type")
    assert set(anchors["type"]) == {"product"}
    assert set(anchors["id"].cast(pl.Int64)) <= products
    posts = built.world.posts.filter(pl.col("platform") == "tiktok")
    with_product = posts["product_id"].is_not_null().sum()
    assert anchors.height / with_product == pytest.approx(0.6, abs=0.1)
    tags = built.records["instagram/media"]["product_tags"].explode().struct.field("product_id")
    assert set(tags.drop_nulls()) <= products


def test_snapshots_follow_the_daily_follower_series(built: Built) -> None:
    info = built.records["tiktok/user_info"]
    assert info.group_by("username").len()["len"].unique().to_list() == [12]
    day = (
        (info["pulled_at"].str.to_datetime(time_zone="UTC").dt.epoch("s") - START_S) // 86_400
    ).cast(pl.Int32)
    snapshot = info.with_columns(day.alias("day")).join(
        built.world.creators.select("creator_id", "username"), on="username"
    )
    daily = built.world.creator_daily.filter(pl.col("platform") == "tiktok")
    joined = snapshot.join(daily, on=["creator_id", "day"])
    assert joined.height == info.height
    assert (joined["follower_count"] == joined["followers"]).all()
    # Counters never go down between monthly pulls.
    growth = info.sort("username", "pulled_at").select(
        pl.col("video_count").diff().over("username").min(),
        pl.col("likes_count").diff().over("username").min(),
    )
    assert growth.row(0)[0] >= 0 and growth.row(0)[1] >= 0
    accounts = built.records["instagram/accounts"]
    assert accounts.group_by("id").len()["len"].unique().to_list() == [12]


def test_comments_are_a_sample_of_their_videos(built: Built) -> None:
    comments = built.records["tiktok/comments"]
    videos = built.records["tiktok/videos"]
    per_video = comments.group_by("video_id").len()
    joined = per_video.join(videos, left_on="video_id", right_on="id")
    assert joined.height == per_video.height
    assert (joined["len"] <= joined["comment_count"]).all()
    # Videos with more comments get at least as many sampled (up to the page cap).
    assert np.corrcoef(joined["len"], np.log1p(joined["comment_count"]))[0, 1] > 0.5
    times = comments.join(
        videos.select("id", pl.col("create_time").alias("video_time")),
        left_on="video_id",
        right_on="id",
    )
    assert (times["create_time"] > times["video_time"]).all()


def test_replies_point_at_earlier_comments_of_the_same_video(built: Built) -> None:
    comments = built.records["tiktok/comments"]
    replies = comments.filter(pl.col("parent_comment_id").is_not_null())
    assert 0.1 < replies.height / comments.height < 0.3
    parents = replies.join(
        comments.select("id", "video_id", "create_time", "parent_comment_id"),
        left_on="parent_comment_id",
        right_on="id",
        suffix="_parent",
    )
    assert parents.height == replies.height
    assert (parents["video_id"] == parents["video_id_parent"]).all()
    assert (parents["create_time"] >= parents["create_time_parent"]).all()
    assert parents["parent_comment_id_parent"].is_null().all()  # one level of threading
    counted = comments.select(pl.col("reply_count").sum()).item()
    assert counted == replies.height


def test_comment_intent_mix_and_drivers() -> None:
    built = _build(seed=5, scale=0.1)
    truth = built.truth["comment_intent"]
    comments = built.records["tiktok/comments"]
    assert truth["comment_id"].equals(comments["id"].alias("comment_id"))
    mix = truth["intent_level"].value_counts(normalize=True).sort("intent_level")
    assert mix["intent_level"].to_list() == [0, 1, 2, 3]
    assert np.allclose(mix["proportion"], [0.45, 0.30, 0.17, 0.08], atol=0.05)
    # Higher audience intent -> more buying intent in the comments.
    levels = (
        truth.join(comments, left_on="comment_id", right_on="id")
        .join(built.records["tiktok/videos"], left_on="video_id", right_on="id")
        .join(built.world.creators, on="username")
    )
    high = levels.filter(pl.col("audience_intent") > 0.55)["intent_level"].mean()
    low = levels.filter(pl.col("audience_intent") < 0.3)["intent_level"].mean()
    assert high > low + 0.3


def test_mentions_follow_brand_sentiment(built: Built) -> None:
    truth = built.truth["mention_sentiment"]
    tweets = built.records["x/tweets"]
    reddit_ids = set(_data(built.records["reddit/submissions"])["id"]) | set(
        _data(built.records["reddit/comments"])["id"]
    )
    assert set(truth.filter(pl.col("source") == "x")["mention_id"]) == set(tweets["id"])
    assert set(truth.filter(pl.col("source") == "reddit")["mention_id"]) == reddit_ids
    assert truth["sentiment"].is_between(-1, 1).all()
    assert set(truth["label"]) <= {"positive", "neutral", "negative"}
    day = ((truth["created_at"].dt.epoch("s") - START_S) // 86_400).cast(pl.Int32)
    joined = truth.with_columns(day.alias("day")).join(
        built.world.sentiment_daily, on=["brand", "day"], suffix="_brand"
    )
    assert np.corrcoef(joined["sentiment"], joined["sentiment_brand"])[0, 1] > 0.3
    creators = set(built.world.creators["username"])
    authors = tweets["author"].struct.field("username")
    assert not set(authors) & creators
    assert not set(_data(built.records["reddit/comments"])["author"]) & creators


def test_reddit_threads_hang_together(built: Built) -> None:
    submissions = _data(built.records["reddit/submissions"])
    comments = _data(built.records["reddit/comments"])
    assert set(comments["link_id"]) <= set(submissions["name"])
    parents = set(submissions["name"]) | set(comments["name"])
    assert set(comments["parent_id"]) <= parents
    counts = comments.group_by("link_id").len()
    joined = submissions.join(counts, left_on="name", right_on="link_id", how="left")
    assert (joined["num_comments"] >= joined["len"].fill_null(0)).all()
    assert submissions["permalink"].str.starts_with("/r/").all()


def test_google_trends_layout(built: Built) -> None:
    trends = built.records["trends/interest_over_time"]
    assert trends.schema == pl.Schema(
        {"file_batch": pl.Int64, "day": pl.Date, "term": pl.String, "value": pl.String}
    )
    assert set(trends["term"]) == set(built.world.trends["hashtag"])
    terms = trends.group_by("file_batch").agg(pl.col("term").n_unique())
    assert terms["term"].max() <= 5
    assert trends.group_by("file_batch", "term").len()["len"].unique().to_list() == [DAYS]
    assert trends["day"].min() == START.date()
    assert trends["day"].max() == START.date() + timedelta(days=DAYS - 1)
    assert trends["value"].str.contains(r"^(<1|[0-9]{1,3})$").all()
    numeric = trends.with_columns(
        pl.when(pl.col("value") == "<1")
        .then(0)
        .otherwise(pl.col("value").cast(pl.Int64))
        .alias("value")
    )
    assert numeric.group_by("file_batch").agg(pl.col("value").max())["value"].to_list() == [100] * (
        terms.height
    )
    assert (trends["value"] == "<1").any()


def test_truth_tables(built: Built) -> None:
    truth = built.truth
    fake = truth["creator_fake_followers"]
    creators = built.world.creators
    assert set(fake["username"]) == set(
        creators.filter(pl.col("fake_follower_share") > 0)["username"]
    )
    assert fake["jump_days"].list.len().min() >= 2
    lifecycle = truth["trend_lifecycle"]
    assert lifecycle.height == 60
    assert (lifecycle["emerge_date"] < lifecycle["peak_date"]).all()
    assert (lifecycle["decline_date"] < lifecycle["fade_date"]).all()
    lag = truth["sentiment_lag"]
    assert set(lag["lag_days"]) == {built.world.sentiment_lag_days}
    creator_truth = truth["creator_truth"]
    assert creator_truth.columns == [
        "creator_id",
        "username",
        "tier",
        "audience_intent",
        "engagement_rate",
        "is_verified",
        "fake_follower_share",
    ]
    assert creator_truth.height == creators.height
