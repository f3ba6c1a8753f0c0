"""Aftermarket sources: creator contracts, reviews, resale listings and post-purchase surveys.

:func:`build_aftermarket` is called by the commerce module once orders exist. It turns the world
(creators, brands, products and the sponsored posts of :attr:`World.posts`) and the order lines
(with their true regret and outcome) into clean raw-shaped records and the truth behind them.

What is modelled, and where the numbers come from:

* **Creator contracts**: one deal per creator x brand with sponsored posts, covering those posts
  (start 0-14 days before the first one, end 3-30 days after the last one, signed 2-21 days
  before the start). Fees follow published creator rate cards (Influencer Marketing Hub's
  "Influencer rates" guide, the source of the "$100 per 10,000 followers" Instagram rule of
  thumb, and the tier price ranges quoted by Shopify's influencer-pricing guide): about $8-20
  per 1,000 followers per Instagram post, smaller creators charging more per follower, TikTok
  posts quoted at about half the Instagram rate for the same following. Fees use the followers
  the creator shows on the day the deal starts (so bought followers inflate the fee), with a
  small bundle discount for multi-post deals. The shop is small next to its creators' audiences,
  so these rate-card fees are then scaled by one factor to a total of creator-driven revenue /
  :data:`TARGET_CREATOR_ROAS` (relative prices kept; see the constant). Creators outside the
  US are often paid in their own currency. ``utm_campaign`` is ``<brand slug>_<season>`` of the
  first sponsored post, the tag of the creator's links (:func:`creator_campaign`).
* **Reviews** (Judge.me / Yotpo style): a subset of buyers writes one review per order x
  product 5-30 days after ordering, most of them early (review-request e-mails go out after
  delivery). Ratings follow an ordered logit giving the J-shaped distribution of online ratings
  (Hu, Pavlou & Zhang 2009, "Overcoming the J-shaped distribution of product reviews", CACM:
  about 60 % five stars, a bump at one star), shifted down strongly for regretted purchases;
  regretted buyers also review more often (the same paper: people with extreme experiences are
  the ones who write). A few reviews come from non-buyers (unverified, no order).
* **Resale listings** (eBay / Poshmark / Depop / Mercari / Facebook Marketplace): one listing
  per resold order line, listed when the line was resold, plus a few listings by people who are
  not customers. Each category x platform cell has a planted recovery rate (sold price / price
  paid), median time to sell and 60-day sell-through: a platform baseline, a department-platform
  fit (fashion sells best on Poshmark and Depop, tech on eBay, home and kids on Facebook
  Marketplace, beauty and wellness on Mercari, following what each platform is known for), a
  category resale value (fragrance, jewelry, shoes and audio hold value; opened cosmetics and
  supplements do not) and a small random interaction, so each category ranks platforms a little
  differently. The cells are written to the truth table ``resale_platform_effects``.
  Resale discounts of roughly 30-60 % off retail are in line with ThredUp's Resale Reports.
* **Post-purchase surveys** (Fairing / KnoCommerce style): one response per responding order,
  7-21 days after it, about the order's most expensive line. "What made you buy" follows the
  order's channel (creator traffic answers ``creator_video``; a share of direct and organic
  orders also name a creator video: the "dark social" gap self-reported attribution surveys
  reveal); stated regret follows the true regret with noise (ordered logit), satisfaction moves
  against it; the kept status is the line's outcome; age band and gender come from the customer.

Everything is vectorized; loops run over platforms, departments, channels or questions only.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from social_commerce.generate import text
from social_commerce.generate.config import CURRENCIES, DAYS, TAXONOMY, EntityFrames, scaled
from social_commerce.generate.world import (
    CAMPAIGN_SEASON_OF_MONTH,
    DAY_S,
    START_S,
    World,
    brand_slug,
    iso_z,
    pull_after,
    pull_cap,
    unique_ids,
    window_end,
)

END_S = window_end()
PULL_CAP_S = pull_cap()
_HOUR_S = 3_600
_DEPARTMENT_OF = {category: department for _, category, department in TAXONOMY}
_CATEGORIES = [category for _, category, _ in TAXONOMY]

# --------------------------------------------------------------------------------------------
# Record schemas (the raw shapes, see the README, "Bring your own exports")
# --------------------------------------------------------------------------------------------

CONTRACTS_SCHEMA: dict[str, pl.DataType] = {
    "contract_id": pl.String(),
    "brand": pl.String(),
    "platform": pl.String(),
    "creator_username": pl.String(),
    "start_date": pl.Date(),
    "end_date": pl.Date(),
    "fee": pl.Float64(),
    "currency": pl.String(),
    "promo_code": pl.String(),
    "deliverables": pl.String(),
    "utm_campaign": pl.String(),
    "signed_at": pl.String(),
}
REVIEWS_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "product_id": pl.String(),
    "rating": pl.Int64(),
    "title": pl.String(),
    "body": pl.String(),
    "reviewer": pl.Struct({"name": pl.String(), "email": pl.String()}),
    "created_at": pl.String(),
    "verified_buyer": pl.Boolean(),
    "order_id": pl.String(),
    "source": pl.String(),
    "pulled_at": pl.String(),
}
LISTINGS_SCHEMA: dict[str, pl.DataType] = {
    "listing_id": pl.String(),
    "platform": pl.String(),
    "sku": pl.String(),
    "title": pl.String(),
    "seller_handle": pl.String(),
    "listed_at": pl.String(),
    "list_price": pl.Float64(),
    "sold_at": pl.String(),
    "sold_price": pl.Float64(),
    "currency": pl.String(),
    "condition": pl.String(),
    "status": pl.String(),
    "pulled_at": pl.String(),
}
ANSWER_TYPE = pl.Struct({"question_id": pl.String(), "value": pl.String()})
RESPONSES_SCHEMA: dict[str, pl.DataType] = {
    "response_id": pl.String(),
    "order_id": pl.String(),
    "submitted_at": pl.String(),
    "respondent": pl.Struct({"email": pl.String()}),
    "answers": pl.List(ANSWER_TYPE),
}

# --------------------------------------------------------------------------------------------
# Creator contracts
# --------------------------------------------------------------------------------------------

#: Fee per sponsored Instagram post in USD per 1,000 followers, by tier. Published rate cards
#: (Influencer Marketing Hub, "Influencer rates": ~$10 per 1,000 followers, nano $10-100,
#: micro $100-500, mid $500-5,000, macro $5,000-10,000, mega $10,000+ per post): nano and micro
#: creators charge more per follower than macro and mega accounts.
RATE_PER_1K_FOLLOWERS_USD: dict[str, float] = {
    "nano": 20.0,
    "micro": 12.0,
    "mid": 11.0,
    "macro": 10.0,
    "mega": 8.0,
}
#: Platform factor on the rate: the same rate cards quote TikTok posts at roughly a quarter to a
#: half of an Instagram post for the same following (nano $5-25, micro $25-125, mid $125-1,250).
PLATFORM_RATE_FACTOR: dict[str, float] = {"tiktok": 0.5, "instagram": 1.0}
#: Spread (sigma of log fee) of creators' quotes around the rate card.
_FEE_SIGMA = 0.35
#: Smallest fee per post (USD) after budget scaling: a token fee on top of the free product.
_MIN_FEE_PER_POST_USD = 5.0
#: Revenue of creator-driven orders per dollar of creator fees that the shop's deals add up to.
#: The synthetic shop is small (30,000 orders a year at scale 1) while its creators include mega
#: accounts, so raw rate-card fees would be many times its revenue; fees keep the rate cards'
#: *relative* prices (per follower, per tier, per platform) and are scaled so that the total is
#: creator-driven revenue / this ROAS. Published creator-campaign ROAS figures cluster around
#: 2-6 (Influencer Marketing Hub benchmark surveys); 3 leaves room for tiers that lose money.
TARGET_CREATOR_ROAS = 3.0
#: Bundle discount per additional deliverable, and the largest total discount.
_BUNDLE_DISCOUNT, _MAX_BUNDLE_DISCOUNT = 0.05, 0.25
#: Fee currency of creators outside the US (paid in it with :data:`_LOCAL_CURRENCY_SHARE`).
_LOCAL_CURRENCY: dict[str, str] = {
    "GB": "GBP", "CA": "CAD", "AU": "AUD", "DE": "EUR", "FR": "EUR", "ES": "EUR",
}  # fmt: skip
_LOCAL_CURRENCY_SHARE = 0.6
#: Days the contract starts before the first sponsored post (0..N-1) and ends after the last.
_CONTRACT_LEAD_DAYS = 15
_CONTRACT_TAIL_DAYS = (3, 31)
#: Days between signature and contract start.
_SIGNED_BEFORE_DAYS = (2, 22)
#: Share of deal-sheet rows without a signature time, without a promo code, and of contracts
#: where one contracted deliverable was never posted (under-delivery).
_MISSING_SIGNED_SHARE = 0.06
_NO_PROMO_SHARE = 0.08
_UNDER_DELIVERY_SHARE = 0.08


def creator_campaign(brand: pl.Expr, day: pl.Expr) -> pl.Expr:
    """``utm_campaign`` of a creator deal: ``<brand slug>_<season>`` of its first sponsored post.

    The same rule as the creator links of the commerce module (``world.brand_slug`` and
    ``world.CAMPAIGN_SEASON_OF_MONTH``), so the deal sheet and the sessions of its first posts
    carry the same tag.
    """
    season = day.dt.month().replace_strict(CAMPAIGN_SEASON_OF_MONTH, return_dtype=pl.String)
    return pl.concat_str([brand_slug(brand), pl.lit("_"), season])


def _contracts(
    rng: np.random.Generator, world: World, lines: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Deal sheet (one contract per creator x brand with sponsored posts) and its truth.

    Fees follow the rate cards in relative terms and add up to the creator-driven revenue of
    ``lines`` divided by :data:`TARGET_CREATOR_ROAS` (never more than the rate cards).
    """
    sponsored = world.posts.filter(
        pl.col("is_sponsored") & pl.col("product_id").is_not_null()
    ).join(world.products.select("product_id", "brand"), on="product_id", how="inner")
    pairs = (
        sponsored.group_by("creator_id", "brand")
        .agg(
            pl.col("created_at").min().alias("first_post"),
            pl.col("created_at").max().alias("last_post"),
            pl.len().alias("sponsored_posts"),
            (pl.col("platform") == "tiktok").sum().alias("tiktok_posts"),
            (pl.col("platform") == "instagram").sum().alias("instagram_posts"),
        )
        .sort("creator_id", "brand")
        .join(
            world.creators.select(
                "creator_id",
                "username",
                "primary_platform",
                "tier",
                "region_code",
                "promo_code",
                "fake_follower_share",
                "followers_end",
            ),
            on="creator_id",
            how="left",
            maintain_order="left",
        )
    )
    n = pairs.height
    tiktok_posts = pairs["tiktok_posts"].to_numpy()
    instagram_posts = pairs["instagram_posts"].to_numpy()
    on_tiktok = (tiktok_posts > instagram_posts) | (
        (tiktok_posts == instagram_posts) & (pairs["primary_platform"].to_numpy() == "tiktok")
    )
    platform = np.where(on_tiktok, "tiktok", "instagram")

    first_day = pairs["first_post"].dt.epoch("s").to_numpy() // DAY_S
    last_day = pairs["last_post"].dt.epoch("s").to_numpy() // DAY_S
    start_day = first_day - rng.integers(0, _CONTRACT_LEAD_DAYS, n)
    end_day = last_day + rng.integers(*_CONTRACT_TAIL_DAYS, n)
    signed_s = (
        (start_day - rng.integers(*_SIGNED_BEFORE_DAYS, n)) * DAY_S
        + rng.integers(13 * _HOUR_S, 23 * _HOUR_S, n)  # US business hours in UTC
    )
    window_day = np.clip(start_day - START_S // DAY_S, 0, DAYS - 1)

    # Followers the creator shows on the platform when the deal starts.
    followers = _followers_on(world.creator_daily, pairs["creator_id"], platform, window_day)
    followers = np.where(followers >= 0, followers, pairs["followers_end"].to_numpy()).astype(float)
    tier = pairs["tier"].to_numpy()
    rate = pl.Series(tier).replace_strict(RATE_PER_1K_FOLLOWERS_USD, return_dtype=pl.Float64)
    rate = rate.to_numpy() * np.where(
        on_tiktok, PLATFORM_RATE_FACTOR["tiktok"], PLATFORM_RATE_FACTOR["instagram"]
    )
    card = followers / 1000.0 * rate * np.exp(rng.normal(0.0, _FEE_SIGMA, n))
    delivered = pairs["sponsored_posts"].to_numpy()
    contracted = delivered + (rng.random(n) < _UNDER_DELIVERY_SHARE)
    discount = np.minimum(_BUNDLE_DISCOUNT * (contracted - 1), _MAX_BUNDLE_DISCOUNT)
    creator_revenue = float(
        lines.filter(pl.col("is_creator_driven"))
        .select((pl.col("price_usd") * pl.col("quantity")).sum())
        .item()
        or 0.0
    )
    card_total = float((card * contracted * (1.0 - discount)).sum())
    budget_scale = min(1.0, creator_revenue / TARGET_CREATOR_ROAS / max(card_total, 1.0))
    per_post = np.maximum(card * budget_scale, _MIN_FEE_PER_POST_USD)
    fee_usd = per_post * contracted * (1.0 - discount)

    local = (
        pairs["region_code"].replace_strict(_LOCAL_CURRENCY, default="USD").to_numpy().astype(str)
    )
    currency = np.where(rng.random(n) < _LOCAL_CURRENCY_SHARE, local, "USD")
    usd_rate = pl.Series(currency).replace_strict(CURRENCIES, return_dtype=pl.Float64).to_numpy()
    fee_local = fee_usd / usd_rate
    step = np.where(fee_local >= 1000, 25.0, 5.0)
    fee = np.maximum(np.round(fee_local / step) * step, step)

    video = np.where(on_tiktok, "video", np.where(rng.random(n) < 0.5, "reel", "post"))
    noun = np.where(contracted == 1, video, np.char.add(video.astype(str), "s"))
    deliverables = np.char.add(np.char.add(contracted.astype(str), " "), noun.astype(str))
    promo = pl.select(
        pl.when(pl.Series(rng.random(n) >= _NO_PROMO_SHARE)).then(pairs["promo_code"])
    ).to_series()
    signed = pl.select(
        pl.when(pl.Series(rng.random(n) >= _MISSING_SIGNED_SHARE)).then(iso_z(signed_s))
    ).to_series()

    frame = pl.DataFrame(
        {
            "brand": pairs["brand"],
            "platform": platform,
            "creator_username": pairs["username"],
            "first_post": pairs["first_post"],
            "start_date": pl.Series(start_day.astype(np.int32)).cast(pl.Date),
            "end_date": pl.Series(end_day.astype(np.int32)).cast(pl.Date),
            "fee": fee,
            "currency": currency,
            "promo_code": promo,
            "deliverables": deliverables,
            "signed_at": signed,
            # truth
            "creator_id": pairs["creator_id"],
            "sponsored_posts": delivered,
            "deliverables_contracted": contracted,
            "followers_at_start": followers.astype(np.int64),
            "fake_follower_share": pairs["fake_follower_share"],
            "fee_usd": np.round(fee_usd, 2),
            "fee_per_post_usd": np.round(per_post, 2),
            "rate_per_1k_followers_usd": rate,
            "rate_card_fee_per_post_usd": np.round(card, 2),
            "budget_scale": np.full(n, budget_scale),
        }
    )
    frame = (
        frame.with_columns(
            creator_campaign(pl.col("brand"), pl.col("first_post")).alias("utm_campaign")
        )
        .sort("start_date", "creator_id", "brand")
        .with_columns(
            pl.concat_str(
                [pl.lit("C-"), (pl.int_range(pl.len()) + 1).cast(pl.String).str.zfill(5)]
            ).alias("contract_id")
        )
    )
    records = frame.select(list(CONTRACTS_SCHEMA)).cast(CONTRACTS_SCHEMA)
    truth = frame.select(
        "contract_id",
        "creator_id",
        "creator_username",
        "brand",
        "platform",
        "start_date",
        "end_date",
        "sponsored_posts",
        "deliverables_contracted",
        "followers_at_start",
        "fake_follower_share",
        "rate_per_1k_followers_usd",
        "rate_card_fee_per_post_usd",
        "budget_scale",
        "fee_per_post_usd",
        "fee_usd",
    )
    return records, truth


def _followers_on(
    daily: pl.DataFrame, creator_id: pl.Series, platform: np.ndarray, day: np.ndarray
) -> np.ndarray:
    """Followers of ``creator_id`` on ``platform`` on window ``day`` (-1 where unknown).

    ``creator_daily`` holds one block of :data:`DAYS` rows per creator and platform (in day
    order), so a lookup is a join of the small block table plus an offset; a frame of another
    layout falls back to a (slower) join on the full table.
    """
    keys = pl.DataFrame(
        {"creator_id": creator_id, "platform": platform, "day": np.asarray(day, dtype=np.int32)}
    )
    days = daily["day"].to_numpy()
    blocked = daily.height % DAYS == 0 and np.array_equal(
        days, np.tile(np.arange(DAYS, dtype=days.dtype), daily.height // DAYS)
    )
    if not blocked:
        joined = keys.join(daily, on=["creator_id", "platform", "day"], how="left")
        return joined["followers"].fill_null(-1).to_numpy()
    blocks = daily.select("creator_id", "platform").gather_every(DAYS).with_row_index("block")
    block = keys.join(blocks, on=["creator_id", "platform"], how="left", maintain_order="left")
    index = block["block"].cast(pl.Int64).fill_null(-1).to_numpy()
    followers = daily["followers"].to_numpy()
    found = index >= 0
    return np.where(found, followers[np.maximum(index, 0) * DAYS + keys["day"].to_numpy()], -1)


# --------------------------------------------------------------------------------------------
# Reviews
# --------------------------------------------------------------------------------------------

#: Share of reviews written by people without a matching order (unverified).
NON_BUYER_REVIEW_SHARE = 0.05
#: Review delay after the order: 5 + 25 x Beta(a, b) days (most reviews come early).
_REVIEW_DELAY_DAYS = (5.0, 25.0)
_REVIEW_DELAY_BETA = (1.2, 2.2)
#: Relative propensity to review: regretted purchases +80 % (extreme experiences are reviewed
#: more), gifts 60 % less (the buyer never used the item).
_REVIEW_REGRET_LIFT = 0.8
_REVIEW_GIFT_FACTOR = 0.4
#: Ordered logit of the star rating: latent = shift + logistic noise; rating = 1 + number of
#: cutpoints below the latent. Non-regretted buyers: ~6/4/8/20/62 % for 1..5 stars (J-shape);
#: regretted ones shift by :data:`REVIEW_REGRET_SHIFT` (~44/13/16/15/12 %); non-buyers by
#: :data:`_NON_BUYER_SHIFT` (a little more negative).
RATING_CUTPOINTS = (-2.75, -2.2, -1.52, -0.49)
REVIEW_REGRET_SHIFT = -2.5
_NON_BUYER_SHIFT = -0.4
#: Share of buyer reviews collected through the review-request e-mail (the rest on the site).
_EMAIL_SOURCE_SHARE = 0.65
#: Reviewer display name styles: "Ana L." / "Ana Lopez" / "Ana".
_NAME_STYLE_P = (0.7, 0.2, 0.1)
_EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "icloud.com", "outlook.com", "hotmail.com", "aol.com"]
#: Hours between a review's creation and its pull.
_REVIEW_PULL_HOURS = (1.0, 72.0)


def _reviews(
    rng: np.random.Generator,
    world: World,
    lines: pl.DataFrame,
    customers: pl.DataFrame,
    total: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Reviews of a subset of buyers plus a few unverified ones, and the truth behind them."""
    r_pick, r_rating, r_text, r_names, r_other = rng.spawn(5)
    candidates = lines.unique(["order_id", "product_id"], keep="first", maintain_order=True)
    n = candidates.height
    ordered_s = _seconds(candidates["ordered_at"])
    delay = _REVIEW_DELAY_DAYS[0] + _REVIEW_DELAY_DAYS[1] * r_pick.beta(*_REVIEW_DELAY_BETA, n)
    created_s = ordered_s + (delay * DAY_S).astype(np.int64)
    regretted = candidates["regretted"].to_numpy().astype(bool)
    weight = (1.0 + _REVIEW_REGRET_LIFT * regretted) * np.where(
        candidates["outcome"].to_numpy() == "gifted", _REVIEW_GIFT_FACTOR, 1.0
    )
    weight = np.where(created_s < END_S, weight, 0.0)
    n_verified = round(total * (1.0 - NON_BUYER_REVIEW_SHARE))
    picked = _weighted_pick(r_pick, weight, n_verified)
    buyers = candidates[picked].join(
        customers.select("customer_id", "email", "first_name", "last_name"),
        on="customer_id",
        how="left",
        maintain_order="left",
    )
    k = buyers.height
    buyer_created = created_s[picked]
    buyer_regret = regretted[picked]
    buyer_rating = _ordinal(
        REVIEW_REGRET_SHIFT * buyer_regret + r_rating.logistic(0.0, 1.0, k), RATING_CUTPOINTS
    )
    name = _display_names(r_names, buyers["first_name"], buyers["last_name"])
    buyer_frame = pl.DataFrame(
        {
            "product_id": buyers["product_id"],
            "rating": buyer_rating,
            "noun": buyers["noun"],
            "brand": buyers["brand"],
            "regretted": buyer_regret,
            "name": name,
            "email": buyers["email"],
            "created_s": buyer_created,
            "verified_buyer": np.ones(k, dtype=bool),
            "order_id": buyers["order_id"].cast(pl.String),
            "line_item_id": buyers["line_item_id"],
            "source": np.where(r_names.random(k) < _EMAIL_SOURCE_SHARE, "email", "web"),
        },
        schema_overrides={"order_id": pl.String, "line_item_id": pl.Int64},
    )

    # Unverified reviews: products in proportion to their sales (plus one), any day.
    m = max(0, total - n_verified)
    products = world.products.sort("product_id")
    sales = (
        products.select("product_id")
        .join(lines.group_by("product_id").len(), on="product_id", how="left")["len"]
        .fill_null(0)
        .to_numpy()
        + 1.0
    )
    prow = r_other.choice(products.height, size=m, p=sales / sales.sum())
    launched = np.maximum(_seconds(products["created_at"])[prow], START_S)
    other_created = launched + (r_other.random(m) * np.maximum(END_S - launched - 1, 1)).astype(
        np.int64
    )
    first, last = text.customer_names(r_names, m)
    first = pl.Series(np.asarray(first).astype(str))
    last = pl.Series(np.asarray(last).astype(str))
    other_frame = pl.DataFrame(
        {
            "product_id": products["product_id"].gather(prow),
            "rating": _ordinal(_NON_BUYER_SHIFT + r_rating.logistic(0.0, 1.0, m), RATING_CUTPOINTS),
            "noun": products["noun"].gather(prow),
            "brand": products["brand"].gather(prow),
            "regretted": np.zeros(m, dtype=bool),
            "name": _display_names(r_names, first, last),
            "email": _emails(r_names, first, last),
            "created_s": other_created,
            "verified_buyer": np.zeros(m, dtype=bool),
            "order_id": pl.Series([None] * m, dtype=pl.String),
            "line_item_id": pl.Series([None] * m, dtype=pl.Int64),
            "source": np.full(m, "web"),
        },
        schema=buyer_frame.schema,
    )
    reviews = pl.concat([buyer_frame, other_frame]).sort("created_s", maintain_order=True)
    total_rows = reviews.height
    title, body = text.review_texts(
        r_text,
        reviews["rating"].to_numpy(),
        _as_str(reviews["noun"]),
        _as_str(reviews["brand"]),
        reviews["regretted"].to_numpy(),
    )
    created = reviews["created_s"].to_numpy()
    ids = unique_ids(r_other, total_rows, 310_000_000, 990_000_000)
    pulled = pull_after(r_other, created, *_REVIEW_PULL_HOURS)
    reviews = reviews.with_columns(
        pl.Series("id", ids).cast(pl.String),
        pl.Series("title", np.asarray(title).astype(str)),
        pl.Series("body", np.asarray(body).astype(str)),
        iso_z(created).alias("created_at"),
        iso_z(pulled).alias("pulled_at"),
        pl.struct(pl.col("name"), pl.col("email")).alias("reviewer"),
        pl.col("product_id").cast(pl.String).alias("product_id_str"),
    )
    records = (
        reviews.drop("product_id")
        .rename({"product_id_str": "product_id"})
        .select(list(REVIEWS_SCHEMA))
        .cast(REVIEWS_SCHEMA)
    )
    truth = reviews.select(
        pl.col("id").alias("review_id"),
        "line_item_id",
        pl.col("order_id").cast(pl.Int64),
        "product_id",
        "verified_buyer",
        "regretted",
        "rating",
        "created_at",
    )
    return records, truth


# --------------------------------------------------------------------------------------------
# Resale listings
# --------------------------------------------------------------------------------------------

#: Resale platforms (``seeds/resale_platforms.csv``) and the listing-id prefix of each.
RESALE_PLATFORMS = ["ebay", "poshmark", "depop", "mercari", "facebook_marketplace"]
_LISTING_PREFIX = {
    "ebay": "eb", "poshmark": "pm", "depop": "dp", "mercari": "mc", "facebook_marketplace": "fb",
}  # fmt: skip
#: Countries where a platform takes sellers (None: everywhere). Mercari sells in the US only
#: (Mercari UK closed in 2019); Poshmark in the US, Canada and Australia.
_PLATFORM_COUNTRIES: dict[str, set[str] | None] = {
    "ebay": None,
    "poshmark": {"US", "CA", "AU"},
    "depop": None,
    "mercari": {"US"},
    "facebook_marketplace": None,
}
#: Platform baselines: expected sold price / price paid for an item with tags, median days to
#: sell, and share sold within 60 days.
_PLATFORM_RECOVERY = {
    "ebay": 0.56, "poshmark": 0.50, "depop": 0.53, "mercari": 0.50, "facebook_marketplace": 0.44,
}  # fmt: skip
_PLATFORM_DAYS = {
    "ebay": 10.0, "poshmark": 16.0, "depop": 12.0, "mercari": 9.0, "facebook_marketplace": 5.0,
}  # fmt: skip
_PLATFORM_SELL_THROUGH = {
    "ebay": 0.60, "poshmark": 0.48, "depop": 0.54, "mercari": 0.58, "facebook_marketplace": 0.64,
}  # fmt: skip
#: Department x platform fit (+1 good match, -1 poor match) in platform order of
#: :data:`RESALE_PLATFORMS`: fashion on Poshmark/Depop, tech on eBay, home and kids on Facebook
#: Marketplace, beauty and wellness on Mercari.
DEPARTMENT_FIT: dict[str, tuple[int, int, int, int, int]] = {
    "beauty": (0, 0, -1, 1, -1),
    "fashion": (0, 1, 1, 0, -1),
    "home": (-1, -1, -1, 0, 1),
    "tech": (1, -1, -1, 0, 0),
    "wellness": (0, -1, -1, 1, 0),
    "kids_pets": (0, -1, -1, 0, 1),
}
#: Effect of one step of fit: recovery (additive), days to sell (factor exp(-x)), sell-through.
_FIT_RECOVERY, _FIT_LOG_DAYS, _FIT_SELL_THROUGH = 0.08, 0.4, 0.10
#: Category resale value (added to recovery): what holds value second-hand.
_CATEGORY_RESALE_VALUE: dict[str, float] = {
    "skincare": -0.12, "makeup": -0.12, "haircare": -0.08, "fragrance": 0.08, "apparel": 0.0,
    "shoes": 0.05, "accessories": 0.02, "jewelry": 0.05, "home_decor": 0.0, "kitchen": -0.03,
    "cleaning": -0.10, "organization": -0.02, "gadgets": 0.03, "phone_accessories": -0.05,
    "audio": 0.05, "fitness": 0.0, "supplements": -0.15, "toys": -0.03, "pet_supplies": -0.05,
}  # fmt: skip
#: Sd of the random category x platform interaction (recovery, log days, sell-through).
_CELL_NOISE = (0.03, 0.12, 0.04)
#: Where sellers list, per department (platform order of :data:`RESALE_PLATFORMS`).
_LISTING_CHOICE: dict[str, tuple[float, float, float, float, float]] = {
    "beauty": (0.30, 0.25, 0.05, 0.30, 0.10),
    "fashion": (0.15, 0.35, 0.25, 0.15, 0.10),
    "home": (0.15, 0.05, 0.02, 0.23, 0.55),
    "tech": (0.45, 0.03, 0.02, 0.25, 0.25),
    "wellness": (0.25, 0.15, 0.05, 0.30, 0.25),
    "kids_pets": (0.20, 0.10, 0.05, 0.30, 0.35),
}
#: Listing conditions, their share and price factor (regretted buys are often unused).
CONDITIONS = ["new_with_tags", "like_new", "good", "fair"]
_CONDITION_P = np.array([0.45, 0.33, 0.17, 0.05])
CONDITION_PRICE_FACTOR = np.array([1.0, 0.85, 0.7, 0.5])
#: Title suffixes per condition.
_CONDITION_SUFFIX = {
    "new_with_tags": ["NWT", "new with tags", "brand new", "never used"],
    "like_new": ["like new", "barely used", "used once", ""],
    "good": ["gently used", "good condition", ""],
    "fair": ["well loved", "as is", "some wear"],
}
#: Sellers ask above what they accept: the accepted offer is 82-100 % of the list price, so the
#: list price is the target recovery x :data:`_LIST_MARKUP`.
_OFFER_RANGE = (0.82, 1.0)
_LIST_MARKUP = 1.0 / 0.91
_LIST_NOISE_SIGMA = 0.12
#: Cap of the list price relative to the price paid (hyped items may sell a little above retail).
LIST_PRICE_CAP = 1.2
#: Sell-through horizon (days); spread of the time to sell (sigma of log days).
SELL_HORIZON_DAYS = 60
_DAYS_SIGMA = 0.8
#: Unsold listings: share the seller ends (30-90 days after listing); the rest stay active.
_ENDED_SHARE = 0.6
_ENDED_AFTER_DAYS = (30, 90)
#: Listings by people who are not customers (bought elsewhere), relative to customer listings.
NON_CUSTOMER_LISTING_SHARE = 0.1


def _resale_effects(rng: np.random.Generator) -> pl.DataFrame:
    """The planted category x platform effects (truth ``resale_platform_effects``)."""
    n_cat, n_plat = len(_CATEGORIES), len(RESALE_PLATFORMS)
    fit = np.array([DEPARTMENT_FIT[_DEPARTMENT_OF[c]] for c in _CATEGORIES], dtype=float)
    base_recovery = np.array([_PLATFORM_RECOVERY[p] for p in RESALE_PLATFORMS])
    base_days = np.array([_PLATFORM_DAYS[p] for p in RESALE_PLATFORMS])
    base_sell = np.array([_PLATFORM_SELL_THROUGH[p] for p in RESALE_PLATFORMS])
    value = np.array([_CATEGORY_RESALE_VALUE[c] for c in _CATEGORIES])
    noise_r, noise_d, noise_s = _CELL_NOISE
    recovery = np.clip(
        base_recovery[None, :]
        + value[:, None]
        + _FIT_RECOVERY * fit
        + rng.normal(0.0, noise_r, (n_cat, n_plat)),
        0.12,
        0.9,
    )
    days = base_days[None, :] * np.exp(
        -_FIT_LOG_DAYS * fit + rng.normal(0.0, noise_d, (n_cat, n_plat))
    )
    sell = np.clip(
        base_sell[None, :] + _FIT_SELL_THROUGH * fit + rng.normal(0.0, noise_s, (n_cat, n_plat)),
        0.15,
        0.95,
    )
    expected_factor = float((_CONDITION_P * CONDITION_PRICE_FACTOR).sum())
    frame = pl.DataFrame(
        {
            "category": np.repeat(_CATEGORIES, n_plat),
            "department": np.repeat([_DEPARTMENT_OF[c] for c in _CATEGORIES], n_plat),
            "platform": np.tile(RESALE_PLATFORMS, n_cat),
            "fit": fit.ravel().astype(np.int64),
            "recovery_rate_nwt": recovery.ravel().round(4),
            "expected_recovery_rate": (recovery.ravel() * expected_factor).round(4),
            "median_days_to_sell": days.ravel().round(2),
            "sell_through_60d": sell.ravel().round(4),
        }
    )
    return frame.with_columns(
        pl.col("recovery_rate_nwt")
        .rank("ordinal", descending=True)
        .over("category")
        .cast(pl.Int64)
        .alias("recovery_rank"),
        pl.col("median_days_to_sell")
        .rank("ordinal")
        .over("category")
        .cast(pl.Int64)
        .alias("speed_rank"),
        pl.col("sell_through_60d")
        .rank("ordinal", descending=True)
        .over("category")
        .cast(pl.Int64)
        .alias("sell_through_rank"),
    )


def _resale(
    rng: np.random.Generator,
    world: World,
    lines: pl.DataFrame,
    customers: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Resale listings (one per resold line, plus non-customers'), their truth and the effects."""
    r_effects, r_other, r_platform, r_sale, r_text, r_ids = rng.spawn(6)
    effects = _resale_effects(r_effects)

    resold = (
        lines.filter(
            (pl.col("outcome") == "resold")
            & pl.col("outcome_at").is_not_null()
            & (pl.col("outcome_at").dt.epoch("s") < PULL_CAP_S - _HOUR_S)
        )
        .join(
            customers.select("customer_id", "first_name", "last_name", "country_code"),
            on="customer_id",
            how="left",
            maintain_order="left",
        )
        .select(
            "line_item_id",
            "order_id",
            "customer_id",
            "sku",
            "title",
            "brand",
            "noun",
            "category",
            "currency",
            pl.col("unit_price").alias("paid_price"),
            pl.col("outcome_at").dt.epoch("s").alias("listed_s"),
            "first_name",
            "last_name",
            pl.col("country_code").fill_null("US"),
        )
    )

    # A few listings by non-customers: any variant of the catalogue, listed any day after launch.
    m = round(NON_CUSTOMER_LISTING_SHARE * resold.height)
    variants = (
        world.products.select("title", "brand", "noun", "category", "created_at", "variants")
        .explode("variants")
        .select(
            pl.exclude("variants"),
            pl.col("variants").struct.field("sku"),
            pl.col("variants").struct.field("price"),
        )
    )
    vrow = r_other.integers(0, max(variants.height, 1), m)
    launched = np.maximum(_seconds(variants["created_at"])[vrow], START_S)
    listed = launched + (r_other.random(m) * np.maximum(END_S - launched, 1)).astype(np.int64)
    first, last = text.customer_names(r_other, m)
    others = pl.DataFrame(
        {
            "line_item_id": pl.Series([None] * m, dtype=pl.Int64),
            "order_id": pl.Series([None] * m, dtype=pl.Int64),
            "customer_id": pl.Series([None] * m, dtype=pl.Int64),
            "sku": variants["sku"].gather(vrow),
            "title": variants["title"].gather(vrow),
            "brand": variants["brand"].gather(vrow),
            "noun": variants["noun"].gather(vrow),
            "category": variants["category"].gather(vrow),
            "currency": np.full(m, "USD"),
            "paid_price": variants["price"].gather(vrow),
            "listed_s": listed,
            "first_name": np.asarray(first).astype(str),
            "last_name": np.asarray(last).astype(str),
            "country_code": np.full(m, "US"),
        },
        schema=resold.schema,
    )
    listings = pl.concat([resold, others])
    n = listings.height
    is_customer = np.arange(n) < resold.height

    # Platform: where sellers of the department list, among platforms open in their country.
    department = listings["category"].replace_strict(_DEPARTMENT_OF).to_numpy()
    country = listings["country_code"].to_numpy()
    weights = np.zeros((n, len(RESALE_PLATFORMS)))
    for dept, choice in _LISTING_CHOICE.items():
        weights[department == dept] = choice
    for j, platform in enumerate(RESALE_PLATFORMS):
        allowed = _PLATFORM_COUNTRIES[platform]
        if allowed is not None:
            weights[~np.isin(country, list(allowed)), j] = 0.0
    p_idx = _choose_rows(r_platform, weights)
    platform = np.array(RESALE_PLATFORMS)[p_idx]

    # The cell's planted effects.
    cell = (
        listings.select("category")
        .with_columns(pl.Series("platform", platform))
        .join(effects, on=["category", "platform"], how="left", maintain_order="left")
    )
    recovery = cell["recovery_rate_nwt"].to_numpy()
    median_days = cell["median_days_to_sell"].to_numpy()
    sell_through = cell["sell_through_60d"].to_numpy()

    condition_idx = r_sale.choice(len(CONDITIONS), size=n, p=_CONDITION_P)
    paid = listings["paid_price"].to_numpy()
    target = recovery * CONDITION_PRICE_FACTOR[condition_idx]
    list_price = paid * target * _LIST_MARKUP * np.exp(r_sale.normal(0.0, _LIST_NOISE_SIGMA, n))
    # Whole units from 10 up, halves below; never above the cap (nor below 1).
    list_price = np.where(list_price >= 10, np.round(list_price), np.round(list_price * 2) / 2)
    cap = np.floor(LIST_PRICE_CAP * paid * 2) / 2
    list_price = np.maximum(np.minimum(list_price, cap), 1.0)
    sold_price = np.round(list_price * r_sale.uniform(*_OFFER_RANGE, n), 2)

    listed_s = listings["listed_s"].to_numpy()
    sells = r_sale.random(n) < sell_through
    days_to_sell = np.clip(
        median_days * np.exp(r_sale.normal(0.0, _DAYS_SIGMA, n)), 0.05, SELL_HORIZON_DAYS
    )
    sold_s = listed_s + (days_to_sell * DAY_S).astype(np.int64)
    ends = ~sells & (r_sale.random(n) < _ENDED_SHARE)
    ended_s = (
        listed_s + r_sale.integers(*_ENDED_AFTER_DAYS, n) * DAY_S + r_sale.integers(0, DAY_S, n)
    )
    never = np.iinfo(np.int64).max // 2
    event_s = np.where(sells, sold_s, np.where(ends, ended_s, never))
    # The extractor's latest pull: shortly after the last change, or in the last days before
    # the cap for listings still active then.
    pulled = np.where(
        event_s < PULL_CAP_S,
        event_s + r_sale.integers(_HOUR_S, 48 * _HOUR_S, n),
        PULL_CAP_S - r_sale.integers(0, 72 * _HOUR_S, n),
    )
    pulled = np.minimum(np.maximum(pulled, listed_s + _HOUR_S), PULL_CAP_S)
    is_sold = sells & (sold_s <= pulled)
    is_ended = ends & (ended_s <= pulled)
    status = np.where(is_sold, "sold", np.where(is_ended, "ended", "active"))

    # Title: the line's title and a condition phrase; some sellers type in lowercase.
    condition = np.array(CONDITIONS)[condition_idx]
    suffix = np.empty(n, dtype=object)
    for name, options in _CONDITION_SUFFIX.items():
        mask = condition == name
        suffix[mask] = r_text.choice(options, size=int(mask.sum()))
    title = listings.select(
        pl.concat_str([pl.col("title"), pl.lit(" "), pl.Series(suffix.astype(str))])
        .str.strip_chars()
        .alias("title")
    )["title"]
    title = pl.select(
        pl.when(pl.Series(r_text.random(n) < 0.3)).then(title.str.to_lowercase()).otherwise(title)
    ).to_series()
    handle = _seller_handles(listings, platform, r_text)

    number = r_ids.permutation(unique_ids(r_ids, n, 100_000_000_000, 999_999_999_999))
    prefix = pl.Series(platform).replace_strict(_LISTING_PREFIX, return_dtype=pl.String)
    listing_id = pl.select(
        pl.concat_str([prefix, pl.lit("-"), pl.Series(number).cast(pl.String)])
    ).to_series()
    sold_at = pl.select(pl.when(pl.Series(is_sold)).then(iso_z(sold_s))).to_series()
    frame = pl.DataFrame(
        {
            "listing_id": listing_id,
            "platform": platform,
            "sku": listings["sku"],
            "title": title,
            "seller_handle": handle,
            "listed_at": iso_z(listed_s),
            "list_price": list_price,
            "sold_at": sold_at,
            "sold_price": pl.select(
                pl.when(pl.Series(is_sold)).then(pl.Series(sold_price))
            ).to_series(),
            "currency": listings["currency"],
            "condition": condition,
            "status": status,
            "pulled_at": iso_z(pulled),
            "listed_s": listed_s,
        },
        schema_overrides=LISTINGS_SCHEMA,
    )
    order = np.argsort(listed_s, kind="stable")
    records = frame[order].select(list(LISTINGS_SCHEMA)).cast(LISTINGS_SCHEMA)
    truth = pl.DataFrame(
        {
            "listing_id": listing_id,
            "line_item_id": listings["line_item_id"],
            "order_id": listings["order_id"],
            "customer_id": listings["customer_id"],
            "is_customer": is_customer,
            "category": listings["category"],
            "platform": platform,
            "condition": condition,
            "paid_price": paid,
            "currency": listings["currency"],
            "target_recovery": np.round(target, 4),
            "sells_within_60d": sells,
            "days_to_sell": np.where(sells, np.round(days_to_sell, 3), np.nan),
            "status": status,
        }
    )[order]
    return records, truth, effects


def _seller_handles(
    listings: pl.DataFrame, platform: np.ndarray, rng: np.random.Generator
) -> pl.Series:
    """Seller handles derived from the seller's name (the same customer, the same handle).

    Facebook Marketplace shows the seller's real name; other platforms a handle whose pattern
    is fixed per person (``<first>_resells``, ``closet_of_<first>``, ``<first><last><nn>``,
    ``<first>.<l>.shop``).
    """
    n = listings.height
    ident = listings["customer_id"].fill_null(pl.Series(rng.integers(0, 1_000_000, n)))
    first = listings["first_name"].fill_null("seller").str.to_lowercase().str.replace_all(" ", "")
    last = listings["last_name"].fill_null("x").str.to_lowercase().str.replace_all(" ", "")
    style = (ident % 4).to_numpy()
    nn = (ident % 97 + 1).cast(pl.String)
    frame = pl.DataFrame({"first": first, "last": last, "style": style, "nn": nn})
    f, la = pl.col("first"), pl.col("last")
    handle = frame.select(
        pl.when(pl.col("style") == 0)
        .then(pl.concat_str([f, pl.lit("_resells")]))
        .when(pl.col("style") == 1)
        .then(pl.concat_str([pl.lit("closet_of_"), f]))
        .when(pl.col("style") == 2)
        .then(pl.concat_str([f, la, pl.col("nn")]))
        .otherwise(pl.concat_str([f, pl.lit("."), la.str.slice(0, 1), pl.lit(".shop")]))
        .alias("handle")
    )["handle"]
    real_name = pl.concat_str(
        [
            listings["first_name"].fill_null("Seller"),
            pl.lit(" "),
            listings["last_name"].fill_null("X"),
        ]
    )
    real = pl.select(real_name).to_series()
    return pl.select(
        pl.when(pl.Series(platform == "facebook_marketplace")).then(real).otherwise(handle)
    ).to_series()


# --------------------------------------------------------------------------------------------
# Post-purchase surveys
# --------------------------------------------------------------------------------------------

#: Survey answer options, in the order of the questionnaire.
QUESTIONS = ["influence", "satisfaction", "regret", "kept_status", "age_band", "gender", "comment"]
INFLUENCES = ["creator_video", "friend", "search", "ad", "email", "store_browse", "other"]
#: P(answer | channel of the order) over :data:`INFLUENCES`. Creator traffic says
#: creator_video; a share of direct, organic-social and affiliate (LTK creators) orders name a
#: creator video too: the "dark social" gap that self-reported attribution surveys reveal.
INFLUENCE_BY_CHANNEL: dict[str, tuple[float, ...]] = {
    "creator_tiktok": (0.80, 0.06, 0.03, 0.04, 0.01, 0.02, 0.04),
    "creator_instagram": (0.78, 0.07, 0.03, 0.05, 0.01, 0.02, 0.04),
    "paid_social": (0.12, 0.05, 0.04, 0.70, 0.01, 0.03, 0.05),
    "paid_search": (0.05, 0.05, 0.65, 0.17, 0.01, 0.03, 0.04),
    "organic_search": (0.06, 0.06, 0.74, 0.03, 0.01, 0.05, 0.05),
    "email": (0.04, 0.03, 0.03, 0.05, 0.75, 0.06, 0.04),
    "affiliate": (0.40, 0.08, 0.15, 0.07, 0.02, 0.03, 0.25),
    "organic_social": (0.50, 0.22, 0.03, 0.05, 0.01, 0.04, 0.15),
    "referral": (0.10, 0.40, 0.15, 0.05, 0.01, 0.04, 0.25),
    "direct": (0.20, 0.25, 0.08, 0.05, 0.02, 0.30, 0.10),
}
#: Answer to "what happened to it" per true outcome.
KEPT_STATUS_OF_OUTCOME = {
    "kept": "kept",
    "returned": "returned",
    "resold": "resold",
    "discarded": "discarded",
    "gifted": "gave_away",
}
#: Survey delay after the order (days, uniform) and the relative propensity to respond of
#: regretted orders (+30 %: unhappy customers like to say so).
_SURVEY_DELAY_DAYS = (7.0, 21.0)
_SURVEY_REGRET_LIFT = 0.3
#: Stated regret (1-5, 5 strong): ordered logit on latent = 2.8 x regretted + 1.5 x true regret
#: probability + logistic noise (scale 0.9). About 52/27/13/5/3 % for non-regretted lines and
#: 3/6/14/24/53 % for regretted ones: regret is under-reported by some (cognitive dissonance).
STATED_REGRET_EFFECT = 2.8
_STATED_REGRET_PROB_EFFECT = 1.5
_STATED_REGRET_NOISE = 0.9
STATED_REGRET_CUTPOINTS = (0.3, 1.4, 2.4, 3.4)
#: Satisfaction (1-5): latent = -0.9 x regret latent + logistic noise (scale 0.7).
_SATISFACTION_SLOPE = -0.9
_SATISFACTION_NOISE = 0.7
SATISFACTION_CUTPOINTS = (-3.6, -2.6, -1.6, -0.4)
#: Share of respondents who skip the demographic questions, and of e-mails typed with another
#: case or a trailing space (the same address once normalised).
_SKIP_DEMOGRAPHICS_SHARE = 0.06
_EMAIL_VARIANT_SHARE = 0.03


def _surveys(
    rng: np.random.Generator,
    lines: pl.DataFrame,
    customers: pl.DataFrame,
    total: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One response per responding order (about its most expensive line), and the truth."""
    r_pick, r_answer, r_text, r_ids = rng.spawn(4)
    main = (
        lines.with_columns((pl.col("price_usd") * pl.col("quantity")).alias("_value"))
        .sort(["order_id", "_value", "line_item_id"], descending=[False, True, False])
        .unique("order_id", keep="first", maintain_order=True)
        .join(
            customers.select("customer_id", "email", "age_band", "gender"),
            on="customer_id",
            how="left",
            maintain_order="left",
        )
    )
    n = main.height
    ordered_s = _seconds(main["ordered_at"])
    delay = r_pick.uniform(*_SURVEY_DELAY_DAYS, n)
    submitted_s = ordered_s + (delay * DAY_S).astype(np.int64)
    regretted = main["regretted"].to_numpy().astype(bool)
    weight = np.where(submitted_s < END_S, 1.0 + _SURVEY_REGRET_LIFT * regretted, 0.0)
    picked = _weighted_pick(r_pick, weight, total)
    picked = picked[np.argsort(submitted_s[picked], kind="stable")]
    resp = main[picked]
    k = resp.height
    regretted = regretted[picked]
    submitted_s = submitted_s[picked]

    regret_latent = (
        STATED_REGRET_EFFECT * regretted
        + _STATED_REGRET_PROB_EFFECT * resp["regret_probability"].to_numpy()
        + r_answer.logistic(0.0, _STATED_REGRET_NOISE, k)
    )
    regret = _ordinal(regret_latent, STATED_REGRET_CUTPOINTS)
    satisfaction = _ordinal(
        _SATISFACTION_SLOPE * regret_latent + r_answer.logistic(0.0, _SATISFACTION_NOISE, k),
        SATISFACTION_CUTPOINTS,
    )
    channel = resp["channel"].to_numpy().astype(str)
    probs = np.zeros((k, len(INFLUENCES)))
    for name, p in INFLUENCE_BY_CHANNEL.items():
        probs[channel == name] = p
    probs[probs.sum(axis=1) == 0] = INFLUENCE_BY_CHANNEL["direct"]
    influence_idx = _choose_rows(r_answer, probs)
    influence = np.array(INFLUENCES)[influence_idx]
    kept_status = (
        resp["outcome"].replace_strict(KEPT_STATUS_OF_OUTCOME, default="kept").to_numpy()
    ).astype(str)
    comment = np.asarray(
        text.survey_comments(r_text, regret, satisfaction, kept_status, _as_str(resp["noun"]))
    ).astype(str)
    skip_demo = r_answer.random(k) < _SKIP_DEMOGRAPHICS_SHARE
    age_band = resp["age_band"].fill_null("")
    gender = resp["gender"].fill_null("")
    comment_text = pl.Series(comment)
    everyone = np.ones(k, dtype=bool)

    # Answers in questionnaire order; skipped questions (and empty comments) are left out.
    values: dict[str, tuple[pl.Series, np.ndarray]] = {
        "influence": (pl.Series(INFLUENCES).gather(influence_idx), everyone),
        "satisfaction": (pl.Series(satisfaction).cast(pl.String), everyone),
        "regret": (pl.Series(regret).cast(pl.String), everyone),
        "kept_status": (pl.Series(kept_status), everyone),
        "age_band": (age_band, ~skip_demo & (age_band != "").to_numpy()),
        "gender": (gender, ~skip_demo & (gender != "").to_numpy()),
        "comment": (comment_text, (comment_text != "").to_numpy()),
    }
    long = pl.concat(
        [
            pl.DataFrame(
                {
                    "row": np.flatnonzero(present),
                    "position": np.full(int(present.sum()), position),
                    "question_id": pl.Series([question]).gather(np.zeros(int(present.sum()), int)),
                    "value": answer.filter(pl.Series(present)),
                },
                schema={
                    "row": pl.Int64,
                    "position": pl.Int64,
                    "question_id": pl.String,
                    "value": pl.String,
                },
            )
            for position, (question, (answer, present)) in enumerate(values.items())
        ]
    ).sort("row", "position")
    answers = (
        long.group_by("row", maintain_order=True)
        .agg(pl.struct("question_id", "value").alias("answers"))
        .join(pl.DataFrame({"row": np.arange(k, dtype=np.int64)}), on="row", how="right")
        .sort("row")["answers"]
    )

    email = resp["email"].fill_null("")
    variant = r_answer.random(k)
    email = pl.select(
        pl.when(pl.Series(variant < _EMAIL_VARIANT_SHARE / 2))
        .then(email + " ")
        .when(pl.Series(variant < _EMAIL_VARIANT_SHARE))
        .then(email.str.slice(0, 1).str.to_uppercase() + email.str.slice(1))
        .otherwise(email)
    ).to_series()
    token = r_ids.permutation(unique_ids(r_ids, k, 36**11, 36**12 - 1))
    response_id = pl.Series(_base36(token, 12))
    records = pl.DataFrame(
        {
            "response_id": response_id,
            "order_id": resp["order_id"].cast(pl.String),
            "submitted_at": iso_z(submitted_s),
            "respondent": pl.DataFrame({"email": email}).to_struct(),
            "answers": answers,
        }
    ).cast(RESPONSES_SCHEMA)
    truth = pl.DataFrame(
        {
            "response_id": response_id,
            "order_id": resp["order_id"],
            "line_item_id": resp["line_item_id"],
            "channel": channel,
            "influence": influence.astype(str),
            "regretted": regretted,
            "regret_probability": resp["regret_probability"],
            "stated_regret": regret,
            "stated_satisfaction": satisfaction,
            "outcome": resp["outcome"],
            "kept_status": kept_status,
        }
    )
    return records, truth


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _seconds(values: pl.Series) -> np.ndarray:
    """Datetimes as epoch seconds (int64)."""
    return values.dt.epoch("s").to_numpy().astype(np.int64)


def _as_str(values: object) -> np.ndarray:
    """A numpy ``str`` array (text functions take numpy arrays)."""
    if isinstance(values, pl.Series):
        values = values.to_numpy()
    return np.asarray(values).astype(str)


def _weighted_pick(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """Up to ``k`` distinct indices drawn without replacement with probability ~ ``weights``.

    Efraimidis-Spirakis with exponential keys (one vectorized draw); indices come back sorted.
    Items of weight 0 are never drawn.
    """
    weights = np.asarray(weights, dtype=float)
    k = min(int(k), int((weights > 0).sum()))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    keys = rng.exponential(1.0, len(weights)) / np.where(weights > 0, weights, 1.0)
    keys[weights <= 0] = np.inf
    return np.sort(np.argpartition(keys, k - 1)[:k]).astype(np.int64)


def _ordinal(latent: np.ndarray, cutpoints: tuple[float, ...]) -> np.ndarray:
    """Ordinal level 1..len(cutpoints)+1: one plus the number of cutpoints below ``latent``."""
    cuts = np.asarray(cutpoints)
    return 1 + (np.asarray(latent)[:, None] > cuts[None, :]).sum(axis=1).astype(np.int64)


def _choose_rows(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One column index per row of ``weights`` (rows x options), with row-wise probabilities."""
    if len(weights) == 0:
        return np.zeros(0, dtype=np.int64)
    cum = np.cumsum(weights, axis=1)
    cum = cum / np.where(cum[:, -1:] > 0, cum[:, -1:], 1.0)
    u = rng.random(len(weights))[:, None]
    return np.minimum((u >= cum).sum(axis=1), weights.shape[1] - 1)


def _base36(values: np.ndarray, width: int) -> np.ndarray:
    """Non-negative ints as lowercase base-36 strings of exactly ``width`` characters."""
    alphabet = np.array(list("0123456789abcdefghijklmnopqrstuvwxyz"), dtype="<U1")
    rest = np.asarray(values, dtype=np.int64).copy()
    digits = np.empty((len(rest), width), dtype=np.int64)
    for position in range(width - 1, -1, -1):
        digits[:, position] = rest % 36
        rest //= 36
    return np.ascontiguousarray(alphabet[digits]).view(f"<U{width}").ravel()


def _display_names(rng: np.random.Generator, first: pl.Series, last: pl.Series) -> pl.Series:
    """Reviewer display names: "Ana L." mostly, sometimes "Ana Lopez" or "Ana"."""
    style = rng.choice(3, size=len(first), p=_NAME_STYLE_P)
    frame = pl.DataFrame({"first": first.fill_null(""), "last": last.fill_null(""), "s": style})
    return frame.select(
        pl.when(pl.col("s") == 0)
        .then(
            pl.concat_str(
                [pl.col("first"), pl.lit(" "), pl.col("last").str.slice(0, 1), pl.lit(".")]
            )
        )
        .when(pl.col("s") == 1)
        .then(pl.concat_str([pl.col("first"), pl.lit(" "), pl.col("last")]))
        .otherwise(pl.col("first"))
        .str.strip_chars()
        .alias("name")
    )["name"]


def _emails(rng: np.random.Generator, first: pl.Series, last: pl.Series) -> pl.Series:
    """Personal e-mail addresses of people who are not customers (``first.last<nn>@domain``)."""
    n = len(first)
    frame = pl.DataFrame(
        {
            "first": first.str.to_lowercase().str.replace_all(r"[^a-z]", ""),
            "last": last.str.to_lowercase().str.replace_all(r"[^a-z]", ""),
            "nn": rng.integers(1, 100, n).astype(str),
            "domain": rng.choice(_EMAIL_DOMAINS, size=n).astype(str),
        }
    )
    return frame.select(
        pl.concat_str(
            [
                pl.col("first"),
                pl.lit("."),
                pl.col("last"),
                pl.col("nn"),
                pl.lit("@"),
                pl.col("domain"),
            ]
        ).alias("email")
    )["email"]


def build_aftermarket(
    rng: np.random.Generator,
    world: World,
    order_lines: pl.DataFrame,
    customers_info: pl.DataFrame,
    scale: float,
) -> EntityFrames:
    """Contracts, reviews, resale listings and survey responses, and the truth behind them.

    Records: ``creator_contracts/contracts``, ``reviews/reviews``, ``resale/listings``,
    ``surveys/responses``. Truth: ``creator_contract_truth``, ``review_truth``,
    ``resale_platform_effects``, ``resale_listing_truth``, ``survey_response_truth``.
    ``order_lines`` and ``customers_info`` are the commerce module's frames (columns in
    ``commerce.py``); ``world.posts`` must be filled (social module).
    """
    r_contracts, r_reviews, r_resale, r_surveys = rng.spawn(4)
    lines = order_lines.sort("line_item_id")
    contracts, contract_truth = _contracts(r_contracts, world, lines)
    reviews, review_truth = _reviews(
        r_reviews, world, lines, customers_info, scaled("reviews", scale)
    )
    listings, listing_truth, effects = _resale(r_resale, world, lines, customers_info)
    responses, survey_truth = _surveys(
        r_surveys, lines, customers_info, scaled("survey_responses", scale)
    )
    return EntityFrames(
        records={
            "creator_contracts/contracts": contracts,
            "reviews/reviews": reviews,
            "resale/listings": listings,
            "surveys/responses": responses,
        },
        truth={
            "creator_contract_truth": contract_truth,
            "review_truth": review_truth,
            "resale_platform_effects": effects,
            "resale_listing_truth": listing_truth,
            "survey_response_truth": survey_truth,
        },
    )
