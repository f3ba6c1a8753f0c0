"""Social sources: TikTok, Instagram, X, Reddit and Google Trends records, from the world.

:func:`build_social` turns a :class:`~social_commerce.generate.world.World` into clean raw-shaped
records (the defect injector damages them later) and the truth behind them, and fills
``world.posts`` (one row per TikTok video and Instagram media item) for the commerce module.

What is modelled, with the published benchmark each choice imitates:

* **When creators post**: more in the holiday season, most on Tuesday-Thursday, late morning and
  evening local time (Sprout Social's and Later's "best times to post" studies for TikTok and
  Instagram), converted to UTC with the creator's region offset.
* **What they post about**: ~72 % of posts feature one product, mostly of the creator's own
  category, chosen in proportion to that product's demand that day (posts follow what sells);
  sponsored posts (share rising with tier) are tied to the product's brand and carry ``#ad``
  (FTC Endorsement Guides disclosure).
* **Hashtags**: each alive fad of the post's category is used with a probability rising with its
  interest that day (most used at its peak), plus the product's own fad, evergreen shopping tags
  (#tiktokmademebuyit, #amazonfinds ...), the category tag and platform tags (#fyp, #reels).
* **Reach and engagement**: views = real (non-fake) followers x reach rate (20-40 %, per creator)
  x log-normal noise; ~7 % viral outliers get 3-10x; engagement per view falls with tier
  (Influencer Marketing Hub / HypeAuditor benchmarks, see :mod:`.world`); sponsored posts reach
  and engage a little less (assumption, in line with benchmark reports of lower engagement on
  #ad posts than on organic ones).
  Bought followers add no views, so fake-follower creators show jumps without engagement.
* **Comments**: the extractor pages up to ``K`` comments per video (small videos: all of them;
  large ones: the first page), with ``K`` set so that the total is the scale's comment count.
  Each comment has a true buying-intent level 0-3 (0 none, 1 interest, 2 consideration/question,
  3 purchase) from an ordered logit on the creator's audience intent, the product price and
  sponsorship; the average mix is about 45/30/17/8 %.
* **Mentions** (X, Reddit): volume follows the brand's demand and grows with strong sentiment
  either way (outrage and delight both drive posting); each mention's sentiment is the brand's
  latent sentiment that day plus noise, so mention sentiment leads sales by the planted lag.
* **Google Trends**: the latent interest of each hashtag, scaled 0-100 within files of 5 terms
  the way Google Trends scales a comparison, with ``<1`` for tiny non-zero values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from social_commerce.generate import text
from social_commerce.generate.config import DAYS, START, TAXONOMY, TIERS, EntityFrames, scaled
from social_commerce.generate.world import (
    CATEGORY_WEIGHT,
    DAY_S,
    REGIONS,
    SENTIMENT_EFFECT_K,
    START_S,
    World,
    datetime_utc,
    iso_z,
    pull_after,
    pull_cap,
    retail_season,
    slug,
    unique_ids,
    uniquify,
    weekday_of,
    window_end,
)

END_S = window_end()
PULL_CAP_S = pull_cap()

#: Twitter/X snowflake epoch (ms).
_SNOWFLAKE_EPOCH_MS = 1_288_834_974_657

#: Share of posts that feature a product, and of those the share from another category.
_PRODUCT_POST_SHARE = 0.72
_OFF_CATEGORY_SHARE = 0.1
#: P(sponsored | product post) per tier: paid partnerships concentrate in larger accounts.
_SPONSORED_BY_TIER = {"nano": 0.10, "micro": 0.20, "mid": 0.30, "macro": 0.35, "mega": 0.40}
#: Posting activity factor per tier (larger creators post a little more often).
_ACTIVITY_BY_TIER = {"nano": 0.8, "micro": 1.0, "mid": 1.2, "macro": 1.3, "mega": 1.3}
#: Rows per call of the text generator for comments (bounds memory at large scales).
_TEXT_CHUNK = 250_000
#: Share of viral outliers, and their view multiplier range.
VIRAL_SHARE = 0.07
_VIRAL_MULTIPLIER = (3.0, 10.0)
#: Per-creator reach rate range (views / followers of an ordinary post).
_REACH_RANGE = (0.2, 0.4)
#: Share of TikTok product posts with a TikTok Shop product anchor, and of Instagram product
#: posts with a shopping product tag.
_ANCHOR_SHARE = 0.6
_PRODUCT_TAG_SHARE = 0.55

#: Posting weight by weekday (Monday first): Tuesday-Thursday best (Sprout Social).
_WEEKDAY_POSTING = np.array([1.0, 1.12, 1.15, 1.12, 0.98, 0.85, 0.9])
#: Posting weight by local hour on weekdays and weekends: a late-morning / lunch plateau and an
#: evening peak (Later's TikTok/Instagram best-time analyses), later mornings at weekends.
_HOURS_WEEKDAY = np.array(
    [0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.0, 1.3, 1.4, 1.5, 1.7,
     1.9, 1.8, 1.6, 1.6, 1.8, 2.1, 2.4, 2.6, 2.6, 2.3, 1.8, 1.2]
)  # fmt: skip
_HOURS_WEEKEND = np.array(
    [1.0, 0.7, 0.4, 0.3, 0.2, 0.2, 0.3, 0.5, 0.8, 1.2, 1.6, 1.9,
     2.0, 2.0, 1.9, 1.8, 1.8, 1.9, 2.1, 2.3, 2.3, 2.1, 1.7, 1.3]
)  # fmt: skip

#: Topic noun of a post that features no product, per category (used in generated text).
_CATEGORY_NOUN: dict[str, str] = {
    "skincare": "skincare routine", "makeup": "makeup look", "haircare": "hair routine",
    "fragrance": "perfume collection", "apparel": "outfit", "shoes": "shoe collection",
    "accessories": "accessories", "jewelry": "jewelry stack", "home_decor": "room makeover",
    "kitchen": "kitchen setup", "cleaning": "cleaning routine", "organization": "organizing hack",
    "gadgets": "tech setup", "phone_accessories": "phone setup", "audio": "audio setup",
    "fitness": "workout", "supplements": "supplement stack", "toys": "toy haul",
    "pet_supplies": "pet haul",
}  # fmt: skip
#: Noun of a brand-level mention (no product named), per department.
_DEPARTMENT_NOUN: dict[str, str] = {
    "beauty": "products", "fashion": "pieces", "home": "stuff", "tech": "gadgets",
    "wellness": "products", "kids_pets": "products",
}  # fmt: skip

#: Evergreen hashtag use per platform (base probability per post, scaled by the tag's interest).
_EVERGREEN_USE: dict[str, dict[str, float]] = {
    "tiktok": {"amazonfinds": 0.10, "tiktokmademebuyit": 0.14, "tiktokshopfinds": 0.12,
               "founditonamazon": 0.05, "dupes": 0.05},
    "instagram": {"amazonfinds": 0.08, "tiktokmademebuyit": 0.03, "tiktokshopfinds": 0.02,
                  "founditonamazon": 0.05, "dupes": 0.05},
}  # fmt: skip
#: Platform-generic tags and their use probability.
_GENERIC_TAGS: dict[str, dict[str, float]] = {
    "tiktok": {"fyp": 0.45, "foryou": 0.2, "viral": 0.08},
    "instagram": {"instagood": 0.15, "explore": 0.1},
}

#: Ordered-logit model of a comment's true intent level. latent = linear predictor + logistic
#: noise; level = number of cutpoints below the latent. Coefficients (true strengths):
#: audience intent (per unit, centred at 0.42) +2.4, log(price / 30 USD) -0.45, sponsored +0.25,
#: post without a product -0.9. Cutpoints give ~45/30/17/8 % on average.
INTENT_COEFFICIENTS = {
    "audience_intent": 2.4,
    "log_price_over_30": -0.45,
    "is_sponsored": 0.25,
    "no_product": -0.9,
}
INTENT_CUTPOINTS = (-0.42, 1.0, 2.42)

#: Subreddits per department, plus general shopping subreddits.
_SUBREDDITS: dict[str, list[str]] = {
    "beauty": ["SkincareAddiction", "MakeupAddiction", "beauty", "Sephora", "AsianBeauty",
               "Fragrance", "HaircareScience"],
    "fashion": ["femalefashionadvice", "malefashionadvice", "Shoes", "jewelry", "handbags"],
    "home": ["HomeDecorating", "Cooking", "CleaningTips", "organization", "InteriorDesign"],
    "tech": ["gadgets", "headphones", "iphone", "Android"],
    "wellness": ["Fitness", "Supplements", "xxfitness", "loseit"],
    "kids_pets": ["Parenting", "toys", "cats", "dogs"],
}  # fmt: skip
_GENERAL_SUBREDDITS = ["BuyItForLife", "TikTokShop", "shopping", "Frugal"]

_SURNAMES = [
    "smith", "garcia", "nguyen", "lee", "patel", "kim", "brown", "lopez", "martin", "wilson",
    "clark", "lewis", "walker", "young", "allen", "wright", "scott", "torres", "hill", "green",
    "adams", "baker", "rivera", "campbell", "mitchell", "roberts", "carter", "phillips", "evans",
    "turner", "diaz", "parker", "cruz", "edwards", "collins", "reyes", "stewart", "morris",
]  # fmt: skip
_FIRST = [
    "sarah", "mike", "jen", "chris", "amanda", "josh", "katie", "matt", "lauren", "dave",
    "ashley", "kevin", "megan", "brian", "rachel", "tyler", "emily", "justin", "nicole", "adam",
    "steph", "eric", "kayla", "jason", "brooke", "danny", "alyssa", "marcus", "tina", "paul",
]  # fmt: skip
_REDDIT_ADJ = [
    "Cheap", "Happy", "Silent", "Brave", "Lazy", "Curious", "Salty", "Witty", "Fuzzy", "Spicy",
    "Sleepy", "Lucky", "Grumpy", "Gentle", "Bright", "Odd", "Frosty", "Rapid", "Humble", "Quiet",
]  # fmt: skip
_REDDIT_NOUN = [
    "Bat", "Otter", "Panda", "Falcon", "Cactus", "Waffle", "Noodle", "Pickle", "Badger", "Moose",
    "Turnip", "Pigeon", "Lemur", "Walrus", "Biscuit", "Comet", "Ferret", "Mango", "Yak", "Koala",
]  # fmt: skip


# --------------------------------------------------------------------------------------------
# Small vectorized helpers
# --------------------------------------------------------------------------------------------


def _encode(values: np.ndarray, alphabet: str, width: int) -> np.ndarray:
    """Non-negative ints written in base ``len(alphabet)`` with exactly ``width`` digits."""
    base = len(alphabet)
    rest = np.asarray(values, dtype=np.int64).copy()
    digits = np.empty((len(rest), width), dtype=np.int64)
    for position in range(width - 1, -1, -1):
        digits[:, position] = rest % base
        rest //= base
    chars = np.array(list(alphabet), dtype="<U1")[digits]
    return np.ascontiguousarray(chars).view(f"<U{width}").ravel()


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _rank_within(keys: np.ndarray) -> np.ndarray:
    """0-based rank of each element among the elements with the same key (array order)."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    new = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    starts = np.maximum.accumulate(np.where(new, np.arange(n), 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - starts
    return rank


def _tiktok_ids(rng: np.random.Generator, seconds: np.ndarray) -> np.ndarray:
    """19-digit TikTok-style ids: creation second in the high 32 bits, unique per row."""
    seconds = np.asarray(seconds, dtype=np.int64)
    salt = rng.integers(0, 1 << 20, len(seconds), dtype=np.int64)
    return (seconds << 32) | (salt << 12) | (_rank_within(seconds) & 0xFFF)


def _snowflakes(rng: np.random.Generator, millis: np.ndarray) -> np.ndarray:
    """X (Twitter) snowflake ids: ms since the X epoch << 22 | worker << 12 | sequence."""
    millis = np.asarray(millis, dtype=np.int64)
    worker = rng.integers(0, 1 << 10, len(millis), dtype=np.int64)
    return ((millis - _SNOWFLAKE_EPOCH_MS) << 22) | (worker << 12) | (_rank_within(millis) & 0xFFF)


def _sample_by_day(
    rng: np.random.Generator, weights: np.ndarray, days: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each draw on ``days[i]``, an item index with probability ``weights[day, item]``.

    ``weights`` is ``(DAYS, items)``. Returns the indices and whether the day had any positive
    weight (where it had none, the index is meaningless). One ``searchsorted`` over the day-offset
    cumulative weights, no loop over draws.
    """
    n_days, k = weights.shape
    total = weights.sum(axis=1)
    has = total > 0
    cum = np.cumsum(weights, axis=1) / np.where(has, total, 1.0)[:, None]
    cum = np.where(has[:, None], cum, (np.arange(1, k + 1) / k)[None, :])
    cum[:, -1] = 1.0
    flat = (cum + np.arange(n_days)[:, None]).ravel()
    position = np.searchsorted(flat, days + rng.random(len(days)), side="right")
    index = np.clip(position - days * k, 0, k - 1)
    return index, has[days]


def _local_seconds(
    rng: np.random.Generator, days: np.ndarray, utc_offset_hours: np.ndarray
) -> np.ndarray:
    """Epoch seconds on window ``days`` at a local hour drawn from the posting-hour pattern."""
    n = len(days)
    weekend = weekday_of(days) >= 5
    on_weekday = rng.choice(24, size=n, p=_HOURS_WEEKDAY / _HOURS_WEEKDAY.sum())
    on_weekend = rng.choice(24, size=n, p=_HOURS_WEEKEND / _HOURS_WEEKEND.sum())
    hour = np.where(weekend, on_weekend, on_weekday)
    seconds = (
        START_S
        + days.astype(np.int64) * DAY_S
        + (hour - utc_offset_hours).astype(np.int64) * 3600
        + rng.integers(0, 3600, n)
    )
    # A local time that falls outside the window in UTC moves one day into it.
    seconds = np.where(seconds < START_S, seconds + DAY_S, seconds)
    return np.where(seconds >= END_S, seconds - DAY_S, seconds)


def _posting_days(rng: np.random.Generator, n: int, season_power: float = 0.35) -> np.ndarray:
    """Days of ``n`` posts: holiday season busier, Tuesday-Thursday best."""
    days = np.arange(DAYS)
    weight = retail_season(days) ** season_power * _WEEKDAY_POSTING[weekday_of(days)]
    return rng.choice(DAYS, size=n, p=weight / weight.sum())


def _list_column(
    n: int,
    rows: np.ndarray,
    codes: np.ndarray,
    order: np.ndarray,
    vocabulary: list[str] | np.ndarray,
    name: str,
) -> pl.Series:
    """A ``list[str]`` column of length ``n`` from long (row, code, order) triples.

    ``codes`` index ``vocabulary``. Values keep ``order`` then first appearance; duplicates
    within a row are dropped; rows without values get an empty list.
    """
    words = pl.Series(np.asarray(vocabulary).astype(str))
    long = pl.DataFrame(
        {
            "row": rows.astype(np.int64),
            "value": words.gather(codes.astype(np.int64)),
            "order": order,
        }
    ).sort("row", "order", maintain_order=True)
    grouped = long.group_by("row", maintain_order=True).agg(
        pl.col("value").unique(maintain_order=True)
    )
    full = pl.DataFrame({"row": np.arange(n, dtype=np.int64)}).join(
        grouped, on="row", how="left", maintain_order="left"
    )
    return full["value"].fill_null(pl.lit([], dtype=pl.List(pl.String))).alias(name)


def _chunks(n: int, size: int) -> list[slice]:
    """Consecutive slices of at most ``size`` covering ``range(n)``."""
    return [slice(start, min(start + size, n)) for start in range(0, n, size)]


def _digits(values: np.ndarray) -> pl.Series:
    """Integers as decimal strings (ids), converted by polars (fast, no numpy unicode)."""
    return pl.Series(np.asarray(values, dtype=np.int64)).cast(pl.String)


def _as_str(values: object) -> np.ndarray:
    """A numpy ``str`` array (text functions take numpy arrays)."""
    return np.asarray(values).astype(str)


# --------------------------------------------------------------------------------------------
# The world as arrays
# --------------------------------------------------------------------------------------------


@dataclass
class _Arrays:
    """Numpy views of the world used throughout (products sorted by id, trends in frame order)."""

    creators: pl.DataFrame
    products: pl.DataFrame
    creator_cat: np.ndarray  # category index per creator
    creator_offset: np.ndarray  # UTC offset hours per creator
    creator_tier: np.ndarray  # tier index per creator (config.TIERS order)
    product_cat: np.ndarray  # category index per product
    product_brand: np.ndarray  # brand index per product
    product_trend: np.ndarray  # trend row per product (-1: none)
    demand: np.ndarray  # products x DAYS
    interest: np.ndarray  # trends x DAYS
    sentiment: np.ndarray  # brands x DAYS
    categories: list[str]
    brands: list[str]
    brand_department: np.ndarray
    trend_cat: np.ndarray  # category index per trend (-1: evergreen)
    trend_tags: np.ndarray
    reach: np.ndarray  # per creator


def _arrays(rng: np.random.Generator, world: World) -> _Arrays:
    """Numpy views of ``world`` (and each creator's reach rate, drawn here)."""
    categories = [cat for _, cat, _ in TAXONOMY]
    cat_index = {c: i for i, c in enumerate(categories)}
    products = world.products.sort("product_id")
    creators = world.creators.sort("creator_id")
    brands = world.brands["brand"].to_list()
    brand_index = {b: i for i, b in enumerate(brands)}
    tags = world.trends["hashtag"].to_list()
    tag_index = {t: i for i, t in enumerate(tags)}
    offsets = {code: offset for code, _, offset in REGIONS}

    def index(series: pl.Series, mapping: dict[str, int]) -> np.ndarray:
        """Row numbers of ``series`` values in ``mapping`` (-1 when absent)."""
        return series.replace_strict(mapping, default=-1, return_dtype=pl.Int64).to_numpy()

    demand = (
        world.demand_daily.sort("product_id", "day")["demand"].to_numpy().reshape(-1, DAYS)
        if products.height
        else np.zeros((0, DAYS))
    )
    interest = (
        world.trends.select("hashtag")
        .with_row_index("row")
        .join(world.trend_daily, on="hashtag")
        .sort("row", "day")["interest"]
        .to_numpy()
        .reshape(-1, DAYS)
    )
    sentiment = (
        world.brands.select("brand")
        .with_row_index("row")
        .join(world.sentiment_daily, on="brand")
        .sort("row", "day")["sentiment"]
        .to_numpy()
        .reshape(-1, DAYS)
    )
    return _Arrays(
        creators=creators,
        products=products,
        creator_cat=index(creators["category"], cat_index),
        creator_offset=index(creators["region_code"], offsets),
        creator_tier=index(creators["tier"], {t[0]: i for i, t in enumerate(TIERS)}),
        product_cat=index(products["category"], cat_index),
        product_brand=index(products["brand"], brand_index),
        product_trend=index(products["hashtag"].fill_null(""), tag_index),
        demand=demand,
        interest=interest,
        sentiment=sentiment,
        categories=categories,
        brands=brands,
        brand_department=world.brands["department"].to_numpy(),
        trend_cat=index(world.trends["category"], cat_index),
        trend_tags=np.array(tags),
        reach=rng.uniform(*_REACH_RANGE, creators.height),
    )


def _platform_followers(world: World, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Daily followers on ``platform`` (creators x DAYS, creators by id) and the creator ids."""
    daily = world.creator_daily.filter(pl.col("platform") == platform)
    keys = daily["creator_id"].to_numpy() * DAYS + daily["day"].to_numpy()
    if len(keys) > 1 and not (np.diff(keys) > 0).all():  # world.py writes it sorted already
        daily = daily.sort("creator_id", "day")
    followers = daily["followers"].to_numpy().reshape(-1, DAYS)
    return followers, daily["creator_id"].to_numpy()[::DAYS]


def _real_followers(world: World, arrays: _Arrays, platform: str) -> tuple[np.ndarray, np.ndarray]:
    """Followers without bought ones (rows x DAYS) and the row of each creator (-1: absent)."""
    followers, ids = _platform_followers(world, platform)
    followers = followers.astype(float)
    jumps = world.fake_jumps.filter(pl.col("platform") == platform)
    if jumps.height:
        fake = np.zeros_like(followers)
        rows = np.searchsorted(ids, jumps["creator_id"].to_numpy())
        np.add.at(fake, (rows, jumps["day"].to_numpy()), jumps["added_followers"].to_numpy())
        followers = followers - np.cumsum(fake, axis=1)
    creator_ids = arrays.creators["creator_id"].to_numpy()
    row = np.searchsorted(ids, creator_ids)
    row = np.where((row < len(ids)) & (ids[np.minimum(row, len(ids) - 1)] == creator_ids), row, -1)
    return np.maximum(followers, 1.0), row


# --------------------------------------------------------------------------------------------
# Posts
# --------------------------------------------------------------------------------------------


@dataclass
class _Posts:
    """Drawn posts of one platform (sorted by time), before they are written as records."""

    platform: str
    creator: np.ndarray  # creator row
    seconds: np.ndarray
    day: np.ndarray
    product: np.ndarray  # product row, -1 none
    topic_cat: np.ndarray  # category index the post is about
    sponsored: np.ndarray
    viral: np.ndarray
    hashtags: pl.Series  # list[str]
    boost: np.ndarray  # interest of the strongest fad tag used (0 when none)
    media_type: np.ndarray  # Instagram: IMAGE | VIDEO | CAROUSEL_ALBUM (TikTok: VIDEO)
    views: np.ndarray
    likes: np.ndarray
    comments: np.ndarray
    shares: np.ndarray
    reach: np.ndarray  # Instagram insights reach (TikTok: = views)
    saved: np.ndarray
    ids: np.ndarray  # int64 platform ids
    pulled: np.ndarray  # epoch seconds


def _by_tier(values: dict[str, float], tier_index: np.ndarray) -> np.ndarray:
    """Per-tier parameter looked up for each tier index (config.TIERS order)."""
    return np.array([values[name] for name, *_ in TIERS])[tier_index]


def _draw_posts(
    rng: np.random.Generator, world: World, arrays: _Arrays, platform: str, n: int
) -> _Posts:
    """Who posts when, about what, with which hashtags, and how it performs."""
    creators = arrays.creators
    eligible = np.flatnonzero(creators[f"on_{platform}"].to_numpy())
    activity = np.exp(rng.normal(0.0, 0.7, len(eligible))) * _by_tier(
        _ACTIVITY_BY_TIER, arrays.creator_tier[eligible]
    )
    creator = rng.choice(eligible, size=n, p=activity / activity.sum())
    days = _posting_days(rng, n)
    seconds = _local_seconds(rng, days, arrays.creator_offset[creator])
    order = np.argsort(seconds, kind="stable")
    creator, seconds = creator[order], seconds[order]
    day = ((seconds - START_S) // DAY_S).astype(np.int64)

    # Topic and product.
    n_cat = len(arrays.categories)
    weights = np.array([CATEGORY_WEIGHT[c] for c in arrays.categories])
    topic = np.where(
        rng.random(n) < _OFF_CATEGORY_SHARE,
        rng.choice(n_cat, size=n, p=weights / weights.sum()),
        arrays.creator_cat[creator],
    )
    wants_product = rng.random(n) < _PRODUCT_POST_SHARE
    product = np.full(n, -1, dtype=np.int64)
    for c in range(n_cat):
        members = np.flatnonzero(arrays.product_cat == c)
        posts = np.flatnonzero(wants_product & (topic == c))
        if len(members) == 0 or len(posts) == 0:
            continue
        pick, ok = _sample_by_day(rng, arrays.demand[members].T, day[posts])
        product[posts[ok]] = members[pick[ok]]
    # Nothing of the category on sale that day: feature whatever sells (small catalogues).
    unmet = np.flatnonzero(wants_product & (product < 0))
    if len(unmet) and len(arrays.demand):
        pick, ok = _sample_by_day(rng, arrays.demand.T, day[unmet])
        product[unmet[ok]] = pick[ok]
        topic[unmet[ok]] = arrays.product_cat[pick[ok]]
    has_product = product >= 0
    p_sponsored = _by_tier(_SPONSORED_BY_TIER, arrays.creator_tier[creator])
    sponsored = has_product & (rng.random(n) < p_sponsored)
    viral = rng.random(n) < VIRAL_SHARE
    if platform == "instagram":
        media_type = rng.choice(["VIDEO", "CAROUSEL_ALBUM", "IMAGE"], size=n, p=[0.5, 0.3, 0.2])
    else:
        media_type = np.full(n, "VIDEO")

    hashtags, boost = _hashtags(rng, arrays, platform, day, topic, product, sponsored, media_type)

    # Reach and engagement.
    followers, row = _real_followers(world, arrays, platform)
    real = followers[row[creator], day]
    er = arrays.creators["engagement_rate"].to_numpy()[creator]
    lift = np.where(viral, rng.uniform(*_VIRAL_MULTIPLIER, n), 1.0)
    spons = np.where(sponsored, 0.85, 1.0)
    base = real * arrays.reach[creator] * np.exp(rng.normal(0.0, 0.55, n)) * (1 + 0.5 * boost)
    base = base * lift * spons
    engaged_rate = er * np.exp(rng.normal(0.0, 0.25, n)) * np.where(sponsored, 0.8, 1.0)
    engaged_rate = engaged_rate * np.where(viral, 1.2, 1.0)
    if platform == "tiktok":
        views = np.maximum(rng.poisson(base), 1)
        reach = views
        engaged = views * engaged_rate
        likes = rng.poisson(engaged * 0.84)
        comments = rng.poisson(engaged * 0.04)
        shares = rng.poisson(engaged * 0.12)
        saved = np.zeros(n, dtype=np.int64)
    else:
        reach = np.maximum(rng.poisson(base), 1)
        factor = np.where(media_type == "VIDEO", rng.uniform(1.3, 2.2, n), rng.uniform(1.1, 1.6, n))
        views = np.round(reach * factor).astype(np.int64)
        engaged = reach * engaged_rate * 0.8
        likes = rng.poisson(engaged * 0.86)
        comments = rng.poisson(engaged * 0.035)
        saved = rng.poisson(engaged * 0.06)
        shares = rng.poisson(engaged * 0.045)

    likes = np.minimum(likes, views)  # a like needs a view
    if platform == "tiktok":
        ids = _tiktok_ids(rng, seconds)
    else:
        ids = unique_ids(rng, n, 17_900_000_000_000_000, 17_999_999_999_999_999)
    pulled = pull_after(rng, seconds, 6, 240)
    return _Posts(
        platform=platform,
        creator=creator,
        seconds=seconds,
        day=day,
        product=product,
        topic_cat=topic,
        sponsored=sponsored,
        viral=viral,
        hashtags=hashtags,
        boost=boost,
        media_type=media_type,
        views=views.astype(np.int64),
        likes=likes.astype(np.int64),
        comments=comments.astype(np.int64),
        shares=shares.astype(np.int64),
        reach=reach.astype(np.int64),
        saved=saved.astype(np.int64),
        ids=ids,
        pulled=pulled,
    )


def _hashtags(
    rng: np.random.Generator,
    arrays: _Arrays,
    platform: str,
    day: np.ndarray,
    topic: np.ndarray,
    product: np.ndarray,
    sponsored: np.ndarray,
    media_type: np.ndarray,
) -> tuple[pl.Series, np.ndarray]:
    """Hashtag lists of posts, and the interest of the strongest fad each post used."""
    n = len(day)
    # Vocabulary: trend tags (codes = trend rows), category tags, then fixed tags.
    cat_tags = [c.replace("_", "") for c in arrays.categories]
    fixed = [*_GENERIC_TAGS[platform], "reels", "ad", "sponsored"]
    vocabulary = [*arrays.trend_tags.tolist(), *cat_tags, *fixed]
    cat_base = len(arrays.trend_tags)
    code_of = {tag: cat_base + len(cat_tags) + i for i, tag in enumerate(fixed)}
    rows: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    orders: list[np.ndarray] = []
    boost = np.zeros(n)

    def add(which: np.ndarray, code: np.ndarray | int, order: int) -> None:
        """Give posts ``which`` the tag(s) ``code`` at list position group ``order``."""
        rows.append(which)
        codes.append(np.broadcast_to(np.asarray(code, dtype=np.int64), which.shape))
        orders.append(np.full(len(which), order))

    # Fads of the post's category: used more the more alive they are.
    for c in range(len(arrays.categories)):
        trend_rows = np.flatnonzero(arrays.trend_cat == c)
        posts = np.flatnonzero(topic == c)
        if len(trend_rows) == 0 or len(posts) == 0:
            continue
        level = arrays.interest[trend_rows][:, day[posts]].T  # posts x trends
        used = rng.random(level.shape) < np.minimum(0.85, 1.3 * level)
        post_i, trend_i = np.nonzero(used)
        add(posts[post_i], trend_rows[trend_i], 0)
        boost[posts] = np.max(np.where(used, level, 0.0), axis=1)

    # The product's own fad (once the fad is alive).
    has = product >= 0
    own = np.where(has, arrays.product_trend[np.maximum(product, 0)], -1)
    rides = np.flatnonzero(own >= 0)
    level = arrays.interest[own[rides], day[rides]]
    use = (level > 0.01) & (rng.random(len(rides)) < np.minimum(0.95, 0.3 + 2.0 * level))
    add(rides[use], own[rides[use]], 0)
    boost[rides[use]] = np.maximum(boost[rides[use]], level[use])

    # Category tag.
    chosen = np.flatnonzero(rng.random(n) < 0.45)
    add(chosen, cat_base + topic[chosen], 1)

    # Evergreen shopping tags, following their (seasonal) interest.
    for tag, p in _EVERGREEN_USE[platform].items():
        trend_row = np.flatnonzero(arrays.trend_tags == tag)
        if len(trend_row) == 0:
            continue
        curve = arrays.interest[trend_row[0]]
        p_day = p * curve[day] / max(curve.mean(), 1e-9)
        if tag == "tiktokshopfinds":
            p_day = p_day * np.where(has, 1.5, 0.3)
        add(np.flatnonzero(rng.random(n) < np.minimum(p_day, 0.9)), trend_row[0], 2)

    # Platform tags.
    for tag, p in _GENERIC_TAGS[platform].items():
        add(np.flatnonzero(rng.random(n) < p), code_of[tag], 3)
    if platform == "instagram":
        reels = (media_type == "VIDEO") & (rng.random(n) < 0.35)
        add(np.flatnonzero(reels), code_of["reels"], 3)

    # Disclosure of paid partnerships (FTC): #ad mostly, sometimes #sponsored.
    disclosure = rng.random(n)
    add(np.flatnonzero(sponsored & (disclosure < 0.8)), code_of["ad"], 4)
    other = sponsored & (disclosure >= 0.8) & (disclosure < 0.95)
    add(np.flatnonzero(other), code_of["sponsored"], 4)

    column = _list_column(
        n,
        np.concatenate(rows),
        np.concatenate(codes),
        np.concatenate(orders),
        vocabulary,
        "hashtags",
    )
    return column, boost


def _post_text_inputs(arrays: _Arrays, posts: _Posts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Noun, category and brand of each post (topic noun and empty brand without a product)."""
    has = posts.product >= 0
    safe = np.maximum(posts.product, 0)
    products = arrays.products
    noun = np.where(
        has,
        _as_str(products["noun"].to_numpy()[safe]) if products.height else "",
        _as_str(np.array([_CATEGORY_NOUN[c] for c in arrays.categories])[posts.topic_cat]),
    )
    category = _as_str(np.array(arrays.categories)[posts.topic_cat])
    brand = np.where(
        has, _as_str(products["brand"].to_numpy()[safe]) if products.height else "", ""
    )
    return _as_str(noun), category, _as_str(brand)


def _descriptions(rng: np.random.Generator, arrays: _Arrays, posts: _Posts) -> np.ndarray:
    """Captions / video descriptions from :func:`text.video_descriptions`."""
    noun, _, brand = _post_text_inputs(arrays, posts)
    hashtags = np.empty(len(posts.ids), dtype=object)
    hashtags[:] = posts.hashtags.to_list()
    return _as_str(text.video_descriptions(rng, noun, brand, hashtags, posts.sponsored))


def _tiktok_videos(rng: np.random.Generator, arrays: _Arrays, posts: _Posts) -> pl.DataFrame:
    """``tiktok/videos`` records (Research API video/query items)."""
    n = len(posts.ids)
    creators = arrays.creators
    duration = np.clip(np.exp(rng.normal(np.log(28.0), 0.7, n)), 5, 600).astype(np.int64)
    sounds = unique_ids(rng, 400, 7_000_000_000_000_000_000, 7_400_000_000_000_000_000)
    popularity = 1.0 / np.arange(1, len(sounds) + 1) ** 0.9
    music = sounds[rng.choice(len(sounds), size=n, p=popularity / popularity.sum())]
    anchored = (posts.product >= 0) & (rng.random(n) < _ANCHOR_SHARE)
    product_ids = arrays.products["product_id"].to_numpy() if arrays.products.height else None
    anchor_pid = (
        product_ids[np.maximum(posts.product, 0)] if product_ids is not None else np.zeros(n)
    )
    anchor_type = pl.List(pl.Struct({"type": pl.String, "id": pl.String, "url": pl.String}))
    frame = pl.DataFrame(
        {
            "id": _digits(posts.ids),
            "create_time": posts.seconds,
            "username": creators["username"].gather(posts.creator),
            "region_code": creators["region_code"].gather(posts.creator),
            "video_description": _descriptions(rng, arrays, posts),
            "hashtag_names": posts.hashtags,
            "view_count": posts.views,
            "like_count": posts.likes,
            "comment_count": posts.comments,
            "share_count": posts.shares,
            "video_duration": duration,
            "music_id": _digits(music),
            "anchored": anchored,
            "anchor_pid": _digits(anchor_pid),
            "pulled_at": iso_z(posts.pulled),
        }
    )
    anchor = pl.struct(
        type=pl.lit("product"),
        id=pl.col("anchor_pid"),
        url=pl.concat_str([pl.lit("https://shop.tiktok.com/view/product/"), pl.col("anchor_pid")]),
    )
    return frame.with_columns(
        pl.when(pl.col("anchored"))
        .then(pl.concat_list([anchor]))
        .otherwise(pl.lit([], dtype=anchor_type))
        .alias("anchors")
    ).select(
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
    )


def _instagram_media(rng: np.random.Generator, arrays: _Arrays, posts: _Posts) -> pl.DataFrame:
    """``instagram/media`` records (Graph API IG Media with lifetime insights)."""
    n = len(posts.ids)
    creators = arrays.creators
    tagged = (posts.product >= 0) & (rng.random(n) < _PRODUCT_TAG_SHARE)
    product_ids = arrays.products["product_id"].to_numpy() if arrays.products.height else None
    tag_pid = product_ids[np.maximum(posts.product, 0)] if product_ids is not None else np.zeros(n)
    shortcode = _encode(rng.integers(0, 2**62, n, dtype=np.int64), _BASE64URL, 11)
    is_reel = posts.media_type == "VIDEO"
    frame = pl.DataFrame(
        {
            "id": _digits(posts.ids),
            "owner_id": creators["instagram_account_id"].gather(posts.creator),
            "username": creators["username"].gather(posts.creator),
            "caption": _descriptions(rng, arrays, posts),
            "media_type": posts.media_type,
            "media_product_type": np.where(is_reel, "REELS", "FEED"),
            "timestamp": datetime_utc(posts.seconds).dt.strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "permalink": np.char.add(
                np.char.add(
                    np.where(
                        is_reel, "https://www.instagram.com/reel/", "https://www.instagram.com/p/"
                    ),
                    shortcode,
                ),
                "/",
            ),
            "like_count": posts.likes,
            "comments_count": posts.comments,
            "reach": posts.reach,
            "views": posts.views,
            "saved": posts.saved,
            "shares": posts.shares,
            "tagged": tagged,
            "tag_pid": tag_pid.astype(np.int64),
            "pulled_at": iso_z(posts.pulled),
        }
    )

    tag_type = pl.List(pl.Struct({"product_id": pl.Int64}))
    return frame.with_columns(
        pl.struct(id=pl.col("owner_id"), username=pl.col("username")).alias("owner"),
        pl.struct(data=_insights(frame, ["reach", "views", "saved", "shares"])).alias("insights"),
        pl.when(pl.col("tagged"))
        .then(pl.concat_list([pl.struct(product_id=pl.col("tag_pid"))]))
        .otherwise(pl.lit([], dtype=tag_type))
        .alias("product_tags"),
    ).select(
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
    )


def _insights(frame: pl.DataFrame, metrics: list[str]) -> pl.Series:
    """Graph API insights ``data``: per row ``[{name, values: [{value}]}, ...]``.

    Built as one long series of metric structs reshaped into rows (``concat_list`` of nested
    structs is slow in polars).
    """
    n = frame.height
    value_type = pl.List(pl.Struct({"value": pl.Int64}))
    parts = [
        frame.select(
            pl.struct(
                name=pl.lit(name),
                values=pl.struct(value=pl.col(name).cast(pl.Int64))
                .reshape((-1, 1))
                .cast(value_type),
            ).alias("metric")
        ).to_series()
        for name in metrics
    ]
    long = pl.concat(parts)
    row_major = (np.arange(len(metrics))[None, :] * n + np.arange(n)[:, None]).ravel()
    return long.gather(row_major).reshape((n, len(metrics))).cast(pl.List(long.dtype))


def _posts_frame(arrays: _Arrays, posts: _Posts) -> pl.DataFrame:
    """Rows of :attr:`World.posts` for one platform."""
    product_ids = arrays.products["product_id"].to_numpy() if arrays.products.height else None
    has = posts.product >= 0
    pid = (
        pl.Series(product_ids[np.maximum(posts.product, 0)])
        if product_ids is not None
        else pl.Series(np.zeros(len(has), dtype=np.int64))
    )
    return pl.DataFrame(
        {
            "post_id": _digits(posts.ids),
            "platform": np.full(len(has), posts.platform),
            "creator_id": arrays.creators["creator_id"].to_numpy()[posts.creator],
            "product_id": pl.select(pl.when(pl.Series(has)).then(pid).otherwise(None)).to_series(),
            "created_at": datetime_utc(posts.seconds),
            "views": posts.views,
            "likes": posts.likes,
            "comments": posts.comments,
            "shares": posts.shares,
            "hashtags": posts.hashtags,
            "is_sponsored": posts.sponsored,
            "is_viral": posts.viral,
        }
    ).cast({"product_id": pl.Int64})


# --------------------------------------------------------------------------------------------
# Account snapshots
# --------------------------------------------------------------------------------------------


def _pull_days() -> np.ndarray:
    """Window day of the 1st of each month (monthly account pulls: 12 per year)."""
    first = START.date()
    months = [
        date(first.year + (first.month - 1 + m) // 12, (first.month - 1 + m) % 12 + 1, 1)
        for m in range(12)
    ]
    return np.array([(m - first).days for m in months], dtype=np.int64)


def _snapshots(
    rng: np.random.Generator,
    world: World,
    arrays: _Arrays,
    tiktok: _Posts,
    instagram: _Posts,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``tiktok/user_info`` and ``instagram/accounts``: one line per account per monthly pull."""
    creators = arrays.creators
    n = creators.height
    pull_days = _pull_days()
    months = len(pull_days)
    bios = _as_str(
        text.bios(rng, _as_str(creators["category"].to_numpy()), _as_str(creators["region_code"]))
    )
    pull_offset = rng.integers(6 * 3600, 10 * 3600, n)

    def cumulative(posts: _Posts, values: np.ndarray) -> np.ndarray:
        """Per creator and pull: sum of ``values`` of posts made before that pull."""
        first_pull = np.searchsorted(pull_days, posts.day, side="right")
        table = np.zeros((n, months + 1))
        np.add.at(table, (posts.creator, first_pull), values)
        return np.cumsum(table[:, :months], axis=1)

    frames = []
    for platform, posts in (("tiktok", tiktok), ("instagram", instagram)):
        present = np.flatnonzero(creators[f"on_{platform}"].to_numpy())
        # Before the window: accounts follow a few hundred, have a back catalogue of posts and
        # lifetime likes of several times their audience.
        m = len(present)
        followers, ids = _platform_followers(world, platform)
        rows = np.searchsorted(ids, creators["creator_id"].to_numpy()[present])
        count = followers[rows][:, pull_days]  # present x months
        following = np.exp(rng.normal(np.log(400.0), 0.8, m)).astype(np.int64) + 5
        prior_posts = np.exp(rng.normal(np.log(150.0), 0.8, m)).astype(np.int64) + 3
        prior_likes = count[:, 0] * np.exp(rng.normal(np.log(8.0), 0.5, m))
        videos = prior_posts[:, None] + cumulative(posts, np.ones(len(posts.ids)))[present]
        likes = prior_likes[:, None] + cumulative(posts, posts.likes.astype(float))[present]
        follows = following[:, None] + (np.arange(months) * 3)[None, :]
        seconds = START_S + pull_days[None, :] * DAY_S + pull_offset[present, None]
        rep = np.repeat(present, months)
        frame = pl.DataFrame(
            {
                "username": creators["username"].gather(rep),
                "display_name": creators["display_name"].gather(rep),
                "bio": pl.Series(bios).gather(rep),
                "is_verified": creators["is_verified"].to_numpy()[rep],
                "followers": count.ravel().astype(np.int64),
                "following": follows.ravel().astype(np.int64),
                "likes": likes.ravel().astype(np.int64),
                "posts": videos.ravel().astype(np.int64),
                "account_id": creators["instagram_account_id"].gather(rep),
                "pulled_at": iso_z(seconds.ravel()),
            }
        )
        frames.append(frame)
    tiktok_frame, instagram_frame = frames
    user_info = tiktok_frame.select(
        "username",
        "display_name",
        pl.col("bio").alias("bio_description"),
        "is_verified",
        pl.col("followers").alias("follower_count"),
        pl.col("following").alias("following_count"),
        pl.col("likes").alias("likes_count"),
        pl.col("posts").alias("video_count"),
        "pulled_at",
    )
    accounts = instagram_frame.select(
        pl.col("account_id").alias("id"),
        "username",
        pl.col("display_name").alias("name"),
        pl.col("bio").alias("biography"),
        pl.col("followers").alias("followers_count"),
        pl.col("following").alias("follows_count"),
        pl.col("posts").alias("media_count"),
        "is_verified",
        "pulled_at",
    )
    return user_info, accounts


# --------------------------------------------------------------------------------------------
# TikTok comments
# --------------------------------------------------------------------------------------------


def _page_counts(rng: np.random.Generator, counts: np.ndarray, target: int) -> np.ndarray:
    """Comments pulled per video: all of them up to a page cap ``K``, about ``target`` in all.

    ``K`` is the largest cap with ``sum(min(counts, K)) <= target``; the remainder is filled by
    giving ``K + 1`` to randomly chosen videos that have more, so the total is exactly
    ``min(target, sum(counts))``.
    """
    counts = np.asarray(counts, dtype=np.int64)
    if counts.sum() <= target:
        return counts
    low, high = 0, int(counts.max())
    while low < high:
        mid = (low + high + 1) // 2
        if np.minimum(counts, mid).sum() <= target:
            low = mid
        else:
            high = mid - 1
    pulled = np.minimum(counts, low)
    room = np.flatnonzero(counts > low)
    extra = rng.choice(room, size=min(len(room), target - int(pulled.sum())), replace=False)
    pulled[extra] += 1
    return pulled


def intent_levels(
    rng: np.random.Generator,
    audience_intent: np.ndarray,
    price: np.ndarray,
    is_sponsored: np.ndarray,
    has_product: np.ndarray,
) -> np.ndarray:
    """True buying-intent level 0-3 of comments (ordered logit, :data:`INTENT_COEFFICIENTS`)."""
    coef = INTENT_COEFFICIENTS
    linear = (
        coef["audience_intent"] * (audience_intent - 0.42)
        + coef["log_price_over_30"] * np.where(has_product, np.log(np.maximum(price, 1) / 30), 0)
        + coef["is_sponsored"] * is_sponsored
        + coef["no_product"] * ~has_product
    )
    u = rng.uniform(1e-12, 1 - 1e-12, len(linear))
    latent = linear + np.log(u / (1 - u))
    return (latent[:, None] > np.array(INTENT_CUTPOINTS)[None, :]).sum(axis=1).astype(np.int64)


def _comments(
    rng: np.random.Generator, arrays: _Arrays, videos: _Posts, target: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``tiktok/comments`` records (video/comment/list items) and their true intent levels."""
    per_video = _page_counts(rng, videos.comments, target)
    video = np.repeat(np.arange(len(videos.ids)), per_video)
    n = len(video)
    if n == 0:
        return _empty_comments()
    # Comment times: most within hours of the video, a long tail over days.
    delay = np.exp(rng.normal(np.log(6 * 3600), 1.4, n))
    seconds = videos.seconds[video] + np.maximum(30, delay).astype(np.int64)
    seconds = np.minimum(seconds, END_S - 1)
    order = np.lexsort((seconds, video))
    video, seconds = video[order], seconds[order]
    position = _rank_within(video)  # video-major order: rank = position in the thread
    # Replies answer the latest top-level comment before them (the first of a video is top).
    is_reply = (position > 0) & (rng.random(n) < 0.2)
    last_top = np.maximum.accumulate(np.where(is_reply, 0, np.arange(n)))
    ids = _tiktok_ids(rng, seconds)
    reply_count = np.bincount(last_top[is_reply], minlength=n)

    creator = videos.creator[video]
    has_product = videos.product[video] >= 0
    safe = np.maximum(videos.product[video], 0)
    price = arrays.products["price"].to_numpy()[safe] if arrays.products.height else np.ones(n)
    level = intent_levels(
        rng,
        arrays.creators["audience_intent"].to_numpy()[creator],
        np.where(has_product, price, 30.0),
        videos.sponsored[video],
        has_product,
    )
    noun, category, brand = _post_text_inputs(arrays, videos)
    # In chunks: numpy string arrays of millions of comments would cost gigabytes at once.
    body = pl.concat(
        [
            pl.Series(
                "text",
                text.comment_texts(
                    rng, level[part], noun[video[part]], category[video[part]], brand[video[part]]
                ),
                dtype=pl.String,
            )
            for part in _chunks(n, _TEXT_CHUNK)
        ]
    )

    likes = np.floor(np.exp(rng.normal(0.3, 1.5, n))).astype(np.int64) - 1
    likes = np.maximum(likes, 0) * np.where(is_reply, 1, 2)
    pulled = np.maximum(videos.pulled[video], pull_after(rng, seconds, 1, 48))
    id_text = _digits(ids)
    frame = pl.DataFrame(
        {
            "id": id_text,
            "video_id": _digits(videos.ids).gather(video),
            "text": body,
            "like_count": likes,
            "reply_count": reply_count.astype(np.int64),
            "parent_comment_id": id_text.gather(last_top),
            "is_reply": is_reply,
            "create_time": seconds,
            "pulled_at": iso_z(pulled),
        }
    ).with_columns(
        pl.when(pl.col("is_reply")).then(pl.col("parent_comment_id")).alias("parent_comment_id")
    )
    frame = frame.select(
        "id",
        "video_id",
        "text",
        "like_count",
        "reply_count",
        "parent_comment_id",
        "create_time",
        "pulled_at",
    )
    truth = pl.DataFrame({"comment_id": id_text, "intent_level": level})
    return frame, truth


def _empty_comments() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Comment records and truth with no rows (no video has comments)."""
    schema = {
        "id": pl.String,
        "video_id": pl.String,
        "text": pl.String,
        "like_count": pl.Int64,
        "reply_count": pl.Int64,
        "parent_comment_id": pl.String,
        "create_time": pl.Int64,
        "pulled_at": pl.String,
    }
    truth = pl.DataFrame(schema={"comment_id": pl.String, "intent_level": pl.Int64})
    return pl.DataFrame(schema=schema), truth


# --------------------------------------------------------------------------------------------
# Mentions (X, Reddit)
# --------------------------------------------------------------------------------------------


@dataclass
class _Mentions:
    """Drawn brand/product mentions (one source) before they are written as records."""

    brand: np.ndarray  # brand row
    day: np.ndarray
    seconds: np.ndarray
    product: np.ndarray  # product row, -1 brand-level
    sentiment: np.ndarray


def _mention_volume(arrays: _Arrays) -> np.ndarray:
    """Mention volume weight per brand and day: demand, plus more talk when sentiment is strong."""
    n_brands = len(arrays.brands)
    volume = np.zeros((n_brands, DAYS))
    if len(arrays.product_brand):
        np.add.at(volume, arrays.product_brand, arrays.demand)
    floor = 0.2 * max(volume.mean(), 1e-9) + 1e-9
    return (volume + floor) * (1.0 + 0.8 * np.abs(arrays.sentiment))


def _draw_mentions(
    rng: np.random.Generator, arrays: _Arrays, n: int, product_share: float, noise: float
) -> _Mentions:
    """``n`` mentions spread over brands and days by volume; product named with some share."""
    volume = _mention_volume(arrays)
    cell = rng.choice(volume.size, size=n, p=(volume / volume.sum()).ravel())
    brand, day = np.divmod(cell, DAYS)
    order = np.argsort(day, kind="stable")
    brand, day = brand[order], day[order]
    seconds = np.sort(_local_seconds(rng, day, np.full(n, -5)))
    day = ((seconds - START_S) // DAY_S).astype(np.int64)
    product = np.full(n, -1, dtype=np.int64)
    wants = rng.random(n) < product_share
    for b in range(len(arrays.brands)):
        members = np.flatnonzero(arrays.product_brand == b)
        rows = np.flatnonzero(wants & (brand == b))
        if len(members) == 0 or len(rows) == 0:
            continue
        pick, ok = _sample_by_day(rng, arrays.demand[members].T, day[rows])
        product[rows[ok]] = members[pick[ok]]
    sentiment = np.clip(arrays.sentiment[brand, day] + rng.normal(0.0, noise, n), -1.0, 1.0)
    return _Mentions(brand, day, seconds, product, sentiment)


def _mention_text_inputs(arrays: _Arrays, m: _Mentions) -> tuple[np.ndarray, np.ndarray]:
    """Brand name and noun of each mention (product noun, or a department noun)."""
    brand = _as_str(np.array(arrays.brands)[m.brand])
    dept_noun = np.array([_DEPARTMENT_NOUN[d] for d in arrays.brand_department])[m.brand]
    if arrays.products.height:
        product_noun = arrays.products["noun"].to_numpy()[np.maximum(m.product, 0)]
        noun = np.where(m.product >= 0, _as_str(product_noun), _as_str(dept_noun))
    else:
        noun = dept_noun
    return brand, _as_str(noun)


def _handles(rng: np.random.Generator, n: int, style: str, taken: pl.Series) -> pl.Series:
    """``n`` unique public handles (X or Reddit style) that are not creator usernames."""
    first = rng.choice(_FIRST, size=n)
    surname = rng.choice(_SURNAMES, size=n)
    digits = rng.integers(1, 10_000, n).astype(str)
    if style == "x":
        kind = rng.integers(0, 3, n)
        handle = np.where(
            kind == 0,
            np.char.add(np.char.add(np.char.add(first, "_"), surname), digits),
            np.where(
                kind == 1,
                np.char.add(np.char.add(surname, first), digits),
                np.char.add(np.char.add("its", first), np.char.add(surname, digits)),
            ),
        )
    else:
        adj = rng.choice(_REDDIT_ADJ, size=n)
        noun = rng.choice(_REDDIT_NOUN, size=n)
        generated = np.char.add(np.char.add(np.char.add(adj, "-"), np.char.add(noun, "-")), digits)
        chosen = np.char.add(np.char.add(first, surname), digits)
        handle = np.where(rng.random(n) < 0.6, generated, chosen)
    series = pl.Series(handle.astype(str))
    series = pl.select(
        pl.when(series.is_in(taken.implode())).then(series + "_").otherwise(series)
    ).to_series()
    return uniquify(series)


def _authors(
    rng: np.random.Generator, n_mentions: int, style: str, taken: pl.Series
) -> tuple[pl.DataFrame, np.ndarray]:
    """A pool of authors and the author row of each mention (a few authors post a lot)."""
    n_authors = max(20, n_mentions // 3)
    handles = _handles(rng, n_authors, style, taken)
    activity = np.exp(rng.normal(0.0, 1.2, n_authors))
    author = rng.choice(n_authors, size=n_mentions, p=activity / activity.sum())
    short = rng.random(n_authors) < 0.4
    ids = np.where(
        short,
        rng.permutation(unique_ids(rng, n_authors, 10_000_000, 4_000_000_000)),
        rng.permutation(
            unique_ids(rng, n_authors, 1_200_000_000_000_000_000, 1_900_000_000_000_000_000)
        ),
    )
    name = (
        pl.Series(handles).str.replace_all(r"[0-9_\-]+", " ").str.strip_chars().str.to_titlecase()
    )
    authors = pl.DataFrame(
        {
            "id": _digits(ids),
            "username": handles,
            "name": name,
            "verified": rng.random(n_authors) < 0.04,
            "followers_count": np.exp(rng.normal(np.log(350.0), 1.6, n_authors)).astype(np.int64),
        }
    )
    return authors, author


def _tweets(
    rng: np.random.Generator, arrays: _Arrays, n: int, taken: pl.Series
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``x/tweets`` records (X API v2, twarc2-flattened with the author inline) and truth."""
    m = _draw_mentions(rng, arrays, n, product_share=0.6, noise=0.35)
    brand, noun = _mention_text_inputs(arrays, m)
    body = _as_str(text.mention_texts(rng, m.sentiment, brand, noun, "tweet"))
    authors, author = _authors(rng, n, "x", taken)
    followers = authors["followers_count"].to_numpy()[author]
    impressions = rng.poisson(
        followers * rng.uniform(0.05, 0.6, n) * np.exp(rng.normal(0, 1, n)) + 20
    )
    likes = rng.poisson(impressions * 0.012 * np.exp(rng.normal(0, 0.5, n)))
    millis = m.seconds * 1000 + rng.integers(0, 1000, n)
    ids = _snowflakes(rng, millis)

    # Entities: the product's fad tag while it is alive, an evergreen tag, the brand's handle.
    own = np.where(m.product >= 0, arrays.product_trend[np.maximum(m.product, 0)], -1)
    alive = np.zeros(n, dtype=bool)
    rides = own >= 0
    alive[rides] = arrays.interest[own[rides], m.day[rides]] > 0.05
    fad_rows = np.flatnonzero(alive & (rng.random(n) < 0.35))
    ever_rows = np.flatnonzero(rng.random(n) < 0.06)
    tag_rows = np.concatenate([fad_rows, ever_rows])
    evergreen = np.flatnonzero(arrays.trend_tags == "tiktokmademebuyit")
    ever_code = evergreen[0] if len(evergreen) else 0
    ever_rows = ever_rows if len(evergreen) else ever_rows[:0]
    tag_codes = np.concatenate([own[fad_rows], np.full(len(ever_rows), ever_code)])
    hashtags = _list_column(
        n, tag_rows, tag_codes, np.zeros(len(tag_rows), np.int64), arrays.trend_tags, "tags"
    )
    brand_handle = (
        pl.Series(brand)
        .str.to_lowercase()
        .str.replace_all("&", "and")
        .str.replace_all(r"[^a-z0-9]", "")
    )
    mention = pl.Series(rng.random(n) < 0.35)
    lang = rng.choice(["en", "es", "pt", "fr", "de"], size=n, p=[0.88, 0.05, 0.03, 0.02, 0.02])
    frame = pl.DataFrame(
        {
            "id": _digits(ids),
            "text": body,
            "created_at": datetime_utc(m.seconds).dt.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "lang": lang,
            "author_id": authors["id"].gather(author),
            "a_username": authors["username"].gather(author),
            "a_name": authors["name"].gather(author),
            "a_verified": authors["verified"].gather(author),
            "a_followers": followers,
            "retweet_count": rng.poisson(likes * 0.1),
            "reply_count": rng.poisson(likes * 0.08 + 0.1),
            "like_count": likes,
            "quote_count": rng.poisson(likes * 0.02),
            "impression_count": impressions,
            "tags": hashtags,
            "brand_handle": brand_handle,
            "mention": mention,
            "pulled_at": iso_z(pull_after(rng, m.seconds, 0.1, 72)),
        }
    )
    tag_struct = pl.List(pl.Struct({"tag": pl.String}))
    mention_struct = pl.List(pl.Struct({"username": pl.String}))
    tweets = frame.with_columns(
        pl.struct(
            id=pl.col("author_id"),
            username=pl.col("a_username"),
            name=pl.col("a_name"),
            verified=pl.col("a_verified"),
            public_metrics=pl.struct(followers_count=pl.col("a_followers")),
        ).alias("author"),
        pl.struct(
            "retweet_count", "reply_count", "like_count", "quote_count", "impression_count"
        ).alias("public_metrics"),
        pl.struct(
            hashtags=pl.col("tags").list.eval(pl.struct(tag=pl.element())).cast(tag_struct),
            cashtags=pl.lit([], dtype=tag_struct),
            mentions=pl.when(pl.col("mention"))
            .then(pl.concat_list([pl.struct(username=pl.col("brand_handle"))]))
            .otherwise(pl.lit([], dtype=mention_struct)),
        ).alias("entities"),
    ).select(
        "id",
        "text",
        "created_at",
        "lang",
        "author_id",
        "author",
        "public_metrics",
        "entities",
        "pulled_at",
    )
    truth = _mention_truth(arrays, m, tweets["id"], "x", m.sentiment)
    return tweets, truth


def _mention_truth(
    arrays: _Arrays, m: _Mentions, ids: pl.Series, source: str, sentiment: np.ndarray
) -> pl.DataFrame:
    """Truth rows of mentions: id, source, true sentiment and label, brand, product."""
    product_ids = arrays.products["product_id"].to_numpy() if arrays.products.height else None
    pid = (
        np.where(m.product >= 0, product_ids[np.maximum(m.product, 0)], 0)
        if product_ids is not None
        else np.zeros(len(m.product), dtype=np.int64)
    )
    return pl.DataFrame(
        {
            "mention_id": ids,
            "source": np.full(len(ids), source),
            "sentiment": sentiment,
            "label": _as_str(text.sentiment_label(sentiment)),
            "brand": np.array(arrays.brands)[m.brand],
            "product_id": pl.Series(pid.astype(np.int64)),
            "created_at": datetime_utc(m.seconds),
        }
    ).with_columns(pl.when(pl.Series(m.product >= 0)).then(pl.col("product_id")).otherwise(None))


def _reddit(
    rng: np.random.Generator, arrays: _Arrays, n_sub: int, n_com: int, taken: pl.Series
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """``reddit/submissions`` and ``reddit/comments`` listing children, and their truth."""
    m = _draw_mentions(rng, arrays, n_sub, product_share=0.5, noise=0.4)
    brand, noun = _mention_text_inputs(arrays, m)
    title = _as_str(text.mention_texts(rng, m.sentiment, brand, noun, "reddit_title"))
    body = _as_str(text.mention_texts(rng, m.sentiment, brand, noun, "reddit_body"))
    body = np.where(rng.random(n_sub) < 0.7, body, "")
    authors, author = _authors(rng, n_sub + n_com, "reddit", taken)
    handles = authors["username"]

    dept = arrays.brand_department[m.brand]
    subreddit = np.empty(n_sub, dtype=object)
    for d, names in _SUBREDDITS.items():
        rows = np.flatnonzero(dept == d)
        subreddit[rows] = rng.choice(names, size=len(rows))
    general = rng.random(n_sub) < 0.15
    subreddit[general] = rng.choice(_GENERAL_SUBREDDITS, size=int(general.sum()))
    subreddit = _as_str(subreddit)
    sub_num = unique_ids(rng, n_sub, 36**6, 2 * 36**6)
    sub_id = _encode(sub_num, _BASE36, 7)
    score = np.floor(np.exp(rng.normal(2.0, 1.5, n_sub))).astype(np.int64)

    # Comments: spread over submissions with more comments on higher-scoring ones.
    weight = np.sqrt(score + 1.0)
    parent_sub = np.sort(rng.choice(n_sub, size=n_com, p=weight / weight.sum()))
    delay = np.exp(rng.normal(np.log(3 * 3600), 1.2, n_com)).astype(np.int64) + 60
    c_seconds = np.minimum(m.seconds[parent_sub] + delay, END_S - 1)
    order = np.lexsort((c_seconds, parent_sub))
    parent_sub, c_seconds = parent_sub[order], c_seconds[order]
    com_num = unique_ids(rng, n_com, 21 * 36**6, 22 * 36**6)
    com_id = _encode(com_num[np.argsort(np.argsort(c_seconds, kind="stable"))], _BASE36, 7)
    position = _rank_within(parent_sub)
    is_reply = (position > 0) & (rng.random(n_com) < 0.3)
    previous = np.r_[0, np.arange(n_com - 1)]
    parent_id = np.where(
        is_reply,
        np.char.add("t1_", com_id[previous]),
        np.char.add("t3_", sub_id[parent_sub]),
    )
    c_day = ((c_seconds - START_S) // DAY_S).astype(np.int64)
    c_sentiment = np.clip(
        arrays.sentiment[m.brand[parent_sub], c_day] + rng.normal(0.0, 0.4, n_com), -1.0, 1.0
    )
    c_body = _as_str(
        text.mention_texts(rng, c_sentiment, brand[parent_sub], noun[parent_sub], "reddit_comment")
    )
    num_comments = np.bincount(parent_sub, minlength=n_sub) + rng.poisson(2.0, n_sub)

    slug_title = pl.select(slug(pl.lit(pl.Series(title))).str.slice(0, 50)).to_series()
    submissions = (
        pl.DataFrame(
            {
                "id": sub_id,
                "name": np.char.add("t3_", sub_id),
                "subreddit": subreddit,
                "title": title,
                "selftext": body,
                "author": handles.gather(author[:n_sub]),
                "created_utc": m.seconds.astype(np.float64),
                "score": score,
                "upvote_ratio": np.round(rng.uniform(0.62, 0.99, n_sub), 2),
                "num_comments": num_comments.astype(np.int64),
                "title_slug": slug_title.str.replace_all("-", "_"),
            }
        )
        .with_columns(
            pl.concat_str(
                [
                    pl.lit("/r/"),
                    pl.col("subreddit"),
                    pl.lit("/comments/"),
                    pl.col("id"),
                    pl.lit("/"),
                    pl.col("title_slug"),
                    pl.lit("/"),
                ]
            ).alias("permalink")
        )
        .drop("title_slug")
    )
    comments = pl.DataFrame(
        {
            "id": com_id,
            "name": np.char.add("t1_", com_id),
            "link_id": np.char.add("t3_", sub_id[parent_sub]),
            "parent_id": parent_id,
            "subreddit": subreddit[parent_sub],
            "body": c_body,
            "author": handles.gather(author[n_sub:]),
            "created_utc": c_seconds.astype(np.float64),
            "score": np.floor(np.exp(rng.normal(0.8, 1.2, n_com))).astype(np.int64),
        }
    )
    sub_records = pl.DataFrame(
        {
            "kind": np.full(n_sub, "t3"),
            "data": submissions.to_struct(),
            "pulled_at": iso_z(pull_after(rng, m.seconds, 1, 72)),
        }
    )
    com_records = pl.DataFrame(
        {
            "kind": np.full(n_com, "t1"),
            "data": comments.to_struct(),
            "pulled_at": iso_z(pull_after(rng, c_seconds, 1, 72)),
        }
    )
    c_mentions = _Mentions(
        m.brand[parent_sub], c_day, c_seconds, m.product[parent_sub], c_sentiment
    )
    truth = pl.concat(
        [
            _mention_truth(arrays, m, pl.Series(sub_id), "reddit", m.sentiment),
            _mention_truth(arrays, c_mentions, pl.Series(com_id), "reddit", c_sentiment),
        ]
    )
    return sub_records, com_records, truth


# --------------------------------------------------------------------------------------------
# Google Trends
# --------------------------------------------------------------------------------------------


def _google_trends(rng: np.random.Generator, world: World, arrays: _Arrays) -> pl.DataFrame:
    """Long-form Google Trends interest: 5 terms per file, scaled 0-100 within each file."""
    n_tags = len(arrays.trend_tags)
    volume = np.where(
        world.trends["is_evergreen"].to_numpy(), 3.0, np.exp(rng.normal(0.0, 0.5, n_tags))
    )
    observed = (
        arrays.interest * volume[:, None] * np.exp(rng.normal(0.0, 0.1, arrays.interest.shape))
    )
    terms = rng.permutation(n_tags)
    batch_of = np.empty(n_tags, dtype=np.int64)
    batch_of[terms] = np.arange(n_tags) // 5 + 1
    peak = np.zeros(n_tags)
    for batch in np.unique(batch_of):
        members = batch_of == batch
        peak[members] = observed[members].max()
    scaled_values = 100.0 * observed / np.maximum(peak, 1e-12)[:, None]
    rounded = np.round(scaled_values).astype(np.int64)
    value = np.where(
        rounded >= 1,
        rounded.astype(str),
        np.where(scaled_values >= 0.05, "<1", "0"),
    )
    days = [START.date() + timedelta(days=d) for d in range(DAYS)]
    order = np.argsort(batch_of * 1000 + np.argsort(terms), kind="stable")
    return pl.DataFrame(
        {
            "file_batch": np.repeat(batch_of[order], DAYS),
            "day": pl.Series(days * n_tags, dtype=pl.Date),
            "term": np.repeat(arrays.trend_tags[order], DAYS),
            "value": value[order].ravel(),
        }
    )


# --------------------------------------------------------------------------------------------
# Truth and the entry point
# --------------------------------------------------------------------------------------------


def _truth_tables(world: World, arrays: _Arrays) -> dict[str, pl.DataFrame]:
    """Planted truths of the world: fake followers, trend lifecycles, sentiment lag, creators."""
    creators = arrays.creators
    fake = (
        world.fake_jumps.group_by("creator_id", "platform", maintain_order=True)
        .agg(
            pl.col("day").alias("jump_days"),
            pl.col("added_followers").sum().alias("fake_followers_added"),
        )
        .join(
            creators.select("creator_id", "username", "fake_follower_share"),
            on="creator_id",
            how="left",
        )
        .select(
            "creator_id",
            "username",
            "platform",
            "fake_follower_share",
            "jump_days",
            "fake_followers_added",
        )
        .sort("creator_id")
    )
    start = pl.lit(START.date())
    lifecycle = world.trends.select(
        "hashtag",
        "category",
        "is_evergreen",
        *[
            col
            for name in ("emerge", "peak", "decline", "fade")
            for col in (
                pl.col(f"{name}_day"),
                (start + pl.duration(days=pl.col(f"{name}_day"))).alias(f"{name}_date"),
            )
        ],
        "lifespan_days",
        "peak_interest",
    )
    lag = pl.DataFrame(
        {
            "brand": world.brands["brand"],
            "lag_days": np.full(world.brands.height, world.sentiment_lag_days, dtype=np.int64),
            "effect_size_k": np.full(world.brands.height, SENTIMENT_EFFECT_K),
        }
    )
    creator_truth = creators.select(
        "creator_id",
        "username",
        "tier",
        "audience_intent",
        "engagement_rate",
        "is_verified",
        "fake_follower_share",
    )
    return {
        "creator_fake_followers": fake,
        "trend_lifecycle": lifecycle,
        "sentiment_lag": lag,
        "creator_truth": creator_truth,
    }


def build_social(rng: np.random.Generator, world: World, scale: float) -> EntityFrames:
    """Social records and truth at ``scale``; fills ``world.posts`` as a side effect.

    Records: ``tiktok/user_info``, ``tiktok/videos``, ``tiktok/comments``,
    ``instagram/accounts``, ``instagram/media``, ``x/tweets``, ``reddit/submissions``,
    ``reddit/comments``, ``trends/interest_over_time`` (long form: file_batch, day, term, value).
    Truth: ``creator_fake_followers``, ``trend_lifecycle``, ``sentiment_lag``,
    ``comment_intent``, ``mention_sentiment``, ``creator_truth``.
    """
    (
        r_arrays,
        r_tiktok,
        r_instagram,
        r_video_records,
        r_media_records,
        r_accounts,
        r_comments,
        r_tweets,
        r_reddit,
        r_trends,
    ) = rng.spawn(10)
    arrays = _arrays(r_arrays, world)
    tiktok = _draw_posts(r_tiktok, world, arrays, "tiktok", scaled("tiktok_videos", scale))
    instagram = _draw_posts(
        r_instagram, world, arrays, "instagram", scaled("instagram_media", scale)
    )
    world.posts = pl.concat([_posts_frame(arrays, tiktok), _posts_frame(arrays, instagram)])

    videos = _tiktok_videos(r_video_records, arrays, tiktok)
    media = _instagram_media(r_media_records, arrays, instagram)
    user_info, accounts = _snapshots(r_accounts, world, arrays, tiktok, instagram)
    comments, comment_truth = _comments(
        r_comments, arrays, tiktok, scaled("tiktok_comments", scale)
    )
    taken = arrays.creators["username"]
    tweets, tweet_truth = _tweets(r_tweets, arrays, scaled("tweets", scale), taken)
    submissions, reddit_comments, reddit_truth = _reddit(
        r_reddit,
        arrays,
        scaled("reddit_submissions", scale),
        scaled("reddit_comments", scale),
        taken,
    )
    frames = EntityFrames(
        records={
            "tiktok/user_info": user_info,
            "tiktok/videos": videos,
            "tiktok/comments": comments,
            "instagram/accounts": accounts,
            "instagram/media": media,
            "x/tweets": tweets,
            "reddit/submissions": submissions,
            "reddit/comments": reddit_comments,
            "trends/interest_over_time": _google_trends(r_trends, world, arrays),
        },
        truth={
            **_truth_tables(world, arrays),
            "comment_intent": comment_truth,
            "mention_sentiment": pl.concat([tweet_truth, reddit_truth]),
        },
    )
    return frames
