"""Tests of the aftermarket generator (creator contracts, reviews, resale listings, surveys).

The order lines and customers normally come from ``generate/commerce.py``; here a small fake
commerce generator (:func:`fake_commerce`) builds frames of the same columns from a real world,
so these tests do not depend on the commerce module.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
import polars as pl
import pytest

from social_commerce.generate.config import (
    CURRENCIES,
    DAYS,
    START,
    TAXONOMY,
    EntityFrames,
    MessRates,
    scaled,
)
from social_commerce.generate.mess import damage, encode_csv, encode_json
from social_commerce.generate.world import World, build_world, slug
from tests.python.test_generate_social import _build_social, _fallback_text_module

SCALE = 0.05
START_S = int(START.timestamp())
END_S = START_S + DAYS * 86_400
PULL_CAP = START + timedelta(days=DAYS + 3)
RESALE_PLATFORMS = {"ebay", "poshmark", "depop", "mercari", "facebook_marketplace"}
CHANNELS = [
    "creator_tiktok", "creator_instagram", "paid_social", "paid_search", "organic_search",
    "email", "affiliate", "organic_social", "referral", "direct",
]  # fmt: skip
KEPT = {
    "kept": "kept",
    "returned": "returned",
    "resold": "resold",
    "discarded": "discarded",
    "gifted": "gave_away",
}


# --------------------------------------------------------------------------------------------
# Text stand-ins (only for functions generate/text.py does not provide yet)
# --------------------------------------------------------------------------------------------


def _review_texts(
    rng: np.random.Generator,
    rating: np.ndarray,
    noun: np.ndarray,
    brand: np.ndarray,
    regretted: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    title = np.where(np.asarray(rating) >= 4, "love it", "meh")
    body = np.char.add(np.char.add(np.asarray(brand, str), " "), np.asarray(noun, str))
    return title, body


def _survey_comments(
    rng: np.random.Generator,
    regret: np.ndarray,
    satisfaction: np.ndarray,
    kept_status: np.ndarray,
    noun: np.ndarray,
) -> np.ndarray:
    return np.where(rng.random(len(regret)) < 0.4, np.char.add("the ", np.asarray(noun, str)), "")


def _customer_names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    first = rng.choice(["Ana", "Ben", "Chloe", "Dev"], size=n)
    last = rng.choice(["Lopez", "Kim", "Smith", "Okafor"], size=n)
    return first, last


_STAND_INS: list[Callable[..., object]] = [_review_texts, _survey_comments, _customer_names]


def _text_module() -> types.ModuleType:
    """``generate.text``, with stand-ins for any function it does not provide (yet).

    ``text.py`` is written alongside this module; until it is complete, the missing functions
    (the social tests' stand-ins and the ones above) fill in so that these tests run on their own.
    """
    _build_social()  # installs the social tests' stand-in module when text.py is missing
    module = sys.modules.get("social_commerce.generate.text") or importlib.import_module(
        "social_commerce.generate.text"
    )
    social = _fallback_text_module()
    stand_ins = {name: getattr(social, name) for name in dir(social) if not name.startswith("_")}
    stand_ins.update({function.__name__.lstrip("_"): function for function in _STAND_INS})
    for name, function in stand_ins.items():
        if not hasattr(module, name):
            setattr(module, name, function)
    return module


def _build_social_with_text() -> Callable[..., EntityFrames]:
    """``build_social`` with a complete text module."""
    _text_module()
    from social_commerce.generate.social import build_social

    return build_social


def _build_aftermarket() -> Callable[..., EntityFrames]:
    """``build_aftermarket`` with a complete text module."""
    _text_module()
    from social_commerce.generate.aftermarket import build_aftermarket

    return build_aftermarket


# --------------------------------------------------------------------------------------------
# A fake commerce generator: order lines and customers with the columns commerce.py produces
# --------------------------------------------------------------------------------------------

_COUNTRIES = (["US", "CA", "GB", "AU", "DE", "FR"], [0.7, 0.08, 0.1, 0.05, 0.04, 0.03])
_CURRENCY_OF = {"US": "USD", "CA": "CAD", "GB": "GBP", "AU": "AUD", "DE": "EUR", "FR": "EUR"}
_CHANNEL_P = [0.12, 0.06, 0.12, 0.1, 0.12, 0.1, 0.05, 0.08, 0.05, 0.2]


def fake_commerce(
    rng: np.random.Generator,
    world: World,
    n_orders: int,
    n_customers: int,
    resold_share: float | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(order_lines, customers_info)`` with the columns and types of the commerce module.

    ``resold_share`` forces that share of lines to be resold (to test resale effects).
    """
    first = rng.choice(["ana", "ben", "chloe", "dev", "emma", "finn", "gia"], size=n_customers)
    last = rng.choice(["lopez", "kim", "smith", "okafor", "rossi", "ng"], size=n_customers)
    customer_id = 6_100_000_000_000 + np.arange(n_customers, dtype=np.int64) * 7
    customers = pl.DataFrame(
        {
            "customer_id": customer_id,
            "first_name": pl.Series(first).str.to_titlecase(),
            "last_name": pl.Series(last).str.to_titlecase(),
            "country_code": rng.choice(_COUNTRIES[0], size=n_customers, p=_COUNTRIES[1]),
            "age_band": rng.choice(["18-24", "25-34", "35-44", "45-54", "55+"], size=n_customers),
            "gender": rng.choice(["female", "male", "nonbinary", "prefer_not"], size=n_customers),
        }
    ).with_columns(
        pl.concat_str(
            [
                pl.col("first_name").str.to_lowercase(),
                pl.lit("."),
                pl.col("last_name").str.to_lowercase(),
                (pl.col("customer_id") % 10_000).cast(pl.String),
                pl.lit("@example.com"),
            ]
        ).alias("email")
    )
    customers = customers.select(
        "customer_id", "email", "first_name", "last_name", "country_code", "age_band", "gender"
    )

    order_id = 5_200_000_000_000 + np.arange(n_orders, dtype=np.int64) * 3
    customer_row = rng.integers(0, n_customers, n_orders)
    ordered_s = START_S + rng.integers(0, DAYS * 86_400, n_orders)
    channel = rng.choice(CHANNELS, size=n_orders, p=_CHANNEL_P)
    n_lines = 1 + rng.poisson(0.35, n_orders)
    line_order = np.repeat(np.arange(n_orders), n_lines)
    n = len(line_order)

    variants = (
        world.products.select("product_id", "title", "brand", "noun", "category", "variants")
        .explode("variants")
        .select(
            pl.exclude("variants"),
            pl.col("variants").struct.field("variant_id", "sku", "price"),
        )
    )
    vrow = rng.integers(0, variants.height, n)
    picked = variants[vrow]
    country = customers["country_code"].to_numpy()[customer_row[line_order]]
    currency = pl.Series(country).replace_strict(_CURRENCY_OF).to_numpy()
    rate = pl.Series(currency).replace_strict(CURRENCIES, return_dtype=pl.Float64).to_numpy()
    price_usd = picked["price"].to_numpy()
    line_channel = channel[line_order]
    creator_driven = np.char.startswith(line_channel.astype(str), "creator_")
    creators = world.creators["creator_id"].to_numpy()
    creator = np.where(creator_driven, rng.choice(creators, size=n), 0)
    p = np.clip(rng.beta(2, 8, n) + 0.1 * creator_driven, 0, 1)
    regretted = rng.random(n) < p
    bad = rng.choice(
        ["returned", "resold", "discarded", "gifted"], size=n, p=[0.45, 0.3, 0.1, 0.15]
    )
    good = np.where(rng.random(n) < 0.93, "kept", "gifted")
    outcome = np.where(regretted, bad, good)
    if resold_share is not None:
        outcome = np.where(rng.random(n) < resold_share, "resold", outcome)
    line_ordered = ordered_s[line_order]
    delay = np.where(outcome == "returned", rng.integers(10, 35, n), rng.integers(7, 120, n))
    has_outcome = np.isin(outcome, ["returned", "resold"])
    outcome_s = line_ordered + delay * 86_400

    def utc(seconds: np.ndarray) -> pl.Series:
        return (
            pl.Series(np.asarray(seconds, dtype=np.int64) * 1_000_000)
            .cast(pl.Datetime("us"))
            .dt.replace_time_zone("UTC")
        )

    lines = pl.DataFrame(
        {
            "line_item_id": 9_100_000_000_000 + np.arange(n, dtype=np.int64) * 5,
            "order_id": order_id[line_order],
            "customer_id": customer_id[customer_row[line_order]],
            "product_id": picked["product_id"],
            "variant_id": picked["variant_id"],
            "sku": picked["sku"],
            "title": picked["title"],
            "quantity": 1 + rng.poisson(0.15, n),
            "unit_price": np.round(price_usd / rate, 2),
            "price_usd": price_usd,
            "currency": currency,
            "ordered_at": utc(line_ordered),
            "category": picked["category"],
            "brand": picked["brand"],
            "noun": picked["noun"],
            "channel": line_channel,
            "is_creator_driven": creator_driven,
            "creator_id": pl.select(
                pl.when(pl.Series(creator_driven)).then(pl.Series(creator))
            ).to_series(),
            "regret_probability": p,
            "regretted": regretted,
            "outcome": outcome,
            "outcome_at": pl.select(
                pl.when(pl.Series(has_outcome)).then(utc(outcome_s))
            ).to_series(),
        }
    )
    return lines, customers


# --------------------------------------------------------------------------------------------
# Builds shared by the tests
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """A world, fake commerce frames and the aftermarket frames built from them."""

    world: World
    lines: pl.DataFrame
    customers: pl.DataFrame
    frames: EntityFrames

    @property
    def records(self) -> dict[str, pl.DataFrame]:
        return self.frames.records

    @property
    def truth(self) -> dict[str, pl.DataFrame]:
        return self.frames.truth


_WORLDS: dict[tuple[int, float], World] = {}


def _world(seed: int, scale: float) -> World:
    """World with posts (built once per seed and scale)."""
    if (seed, scale) not in _WORLDS:
        world = build_world(np.random.default_rng([seed, 1]), scale)
        _build_social_with_text()(np.random.default_rng([seed, 2]), world, scale)
        _WORLDS[seed, scale] = world
    return _WORLDS[seed, scale]


def _build(
    seed: int = 7, scale: float = SCALE, resold_share: float | None = None, orders: int = 0
) -> Built:
    world = _world(seed, scale)
    lines, customers = fake_commerce(
        np.random.default_rng([seed, 30]),
        world,
        orders or scaled("orders", scale),
        scaled("customers", scale),
        resold_share,
    )
    frames = _build_aftermarket()(np.random.default_rng([seed, 31]), world, lines, customers, scale)
    return Built(world, lines, customers, frames)


@pytest.fixture(scope="module")
def built() -> Built:
    """One small build shared by the tests of this module."""
    return _build()


def _utc(column: str) -> pl.Expr:
    return pl.col(column).str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")


def _parse_json(frame: pl.DataFrame) -> list[dict[str, object]]:
    return [json.loads(line) for line in encode_json(frame)]


# --------------------------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------------------------

CONTRACT_COLUMNS = [
    "contract_id", "brand", "platform", "creator_username", "start_date", "end_date", "fee",
    "currency", "promo_code", "deliverables", "utm_campaign", "signed_at",
]  # fmt: skip
REVIEW_FIELDS = [
    "id", "product_id", "rating", "title", "body", "reviewer", "created_at", "verified_buyer",
    "order_id", "source", "pulled_at",
]  # fmt: skip
LISTING_FIELDS = [
    "listing_id", "platform", "sku", "title", "seller_handle", "listed_at", "list_price",
    "sold_at", "sold_price", "currency", "condition", "status", "pulled_at",
]  # fmt: skip
RESPONSE_FIELDS = ["response_id", "order_id", "submitted_at", "respondent", "answers"]
QUESTIONS = ["influence", "satisfaction", "regret", "kept_status", "age_band", "gender", "comment"]


def test_deterministic_for_a_seed() -> None:
    first, second = _build(scale=0.03), _build(scale=0.03)
    for key, frame in first.records.items():
        assert frame.equals(second.records[key]), key
    for key, frame in first.truth.items():
        assert frame.equals(second.truth[key]), key
    other = _build(seed=8, scale=0.03)
    assert not other.records["reviews/reviews"].equals(first.records["reviews/reviews"])


def test_entities_and_truth_tables(built: Built) -> None:
    assert set(built.records) == {
        "creator_contracts/contracts",
        "reviews/reviews",
        "resale/listings",
        "surveys/responses",
    }
    assert set(built.truth) == {
        "creator_contract_truth",
        "review_truth",
        "resale_platform_effects",
        "resale_listing_truth",
        "survey_response_truth",
    }
    assert all(frame.height > 0 for frame in built.records.values())


def test_contract_csv_lines_parse_as_staging_reads_them(built: Built) -> None:
    frame = built.records["creator_contracts/contracts"]
    assert frame.columns == CONTRACT_COLUMNS
    text_lines = [",".join(frame.columns), *encode_csv(frame).to_list()]
    rows = list(csv.DictReader(io.StringIO("\n".join(text_lines))))
    assert len(rows) == frame.height
    for row in rows[:200]:
        assert len(row) == len(CONTRACT_COLUMNS) and None not in row
        assert row["contract_id"].startswith("C-")
        assert row["platform"] in {"tiktok", "instagram"}
        start, end = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
        assert start <= end
        assert float(row["fee"]) > 0
        assert row["currency"] in CURRENCIES
        count, noun = row["deliverables"].split(" ")
        assert int(count) >= 1 and noun.rstrip("s") in {"video", "reel", "post"}
        if row["signed_at"]:
            signed = datetime.fromisoformat(row["signed_at"].replace("Z", "+00:00"))
            assert signed.date() < start
    assert frame["contract_id"].n_unique() == frame.height


def test_json_lines_have_the_raw_shapes(built: Built) -> None:
    review = _parse_json(built.records["reviews/reviews"].head(50))
    for record in review:
        assert list(record) == REVIEW_FIELDS
        assert list(record["reviewer"]) == ["name", "email"]
        assert isinstance(record["product_id"], str) and record["product_id"].isdigit()
        assert isinstance(record["rating"], int) and 1 <= record["rating"] <= 5
        assert isinstance(record["verified_buyer"], bool)
        assert record["source"] in {"web", "email"}
        assert record["created_at"].endswith("Z") and record["pulled_at"].endswith("Z")
        assert record["order_id"] is None or record["order_id"].isdigit()
    listing = _parse_json(built.records["resale/listings"].head(50))
    for record in listing:
        assert list(record) == LISTING_FIELDS
        assert record["platform"] in RESALE_PLATFORMS
        assert record["condition"] in {"new_with_tags", "like_new", "good", "fair"}
        assert record["status"] in {"active", "sold", "ended"}
        assert isinstance(record["list_price"], float)
        assert (record["status"] == "sold") == (record["sold_at"] is not None)
        assert (record["sold_at"] is None) == (record["sold_price"] is None)
    responses = _parse_json(built.records["surveys/responses"].head(50))
    for record in responses:
        assert list(record) == RESPONSE_FIELDS
        assert list(record["respondent"]) == ["email"]
        ids = [answer["question_id"] for answer in record["answers"]]
        assert ids == [q for q in QUESTIONS if q in ids]  # questionnaire order, no repeats
        assert {"influence", "satisfaction", "regret", "kept_status"} <= set(ids)
        # Staging reads every answer value as text; satisfaction and regret cast to integers.
        values = {answer["question_id"]: answer["value"] for answer in record["answers"]}
        assert all(isinstance(value, str) and value for value in values.values())
        assert 1 <= int(values["satisfaction"]) <= 5 and 1 <= int(values["regret"]) <= 5


def test_records_survive_the_defect_injector(built: Built) -> None:
    """Every field the injector damages exists in every line (mess.damage raises otherwise)."""
    rates = MessRates(
        duplicate_repull=0.05, late_arrival=0.02, malformed_line=0.01, wrong_type=0.05,
        impossible_value=0.05, missing_key=0.02, unknown_currency=0.02,
    )  # fmt: skip
    for key, frame in built.records.items():
        fmt = "csv" if key.startswith("creator_contracts/") else "jsonl"
        lines = damage(key, frame, fmt, rates, np.random.default_rng(1)).lines
        assert len(lines) >= frame.height, key


def test_timestamps_stay_within_the_pull_window(built: Built) -> None:
    for key, stamps in {
        "reviews/reviews": ["created_at", "pulled_at"],
        "resale/listings": ["listed_at", "sold_at", "pulled_at"],
        "surveys/responses": ["submitted_at"],
    }.items():
        frame = built.records[key].select([_utc(c) for c in stamps])
        for column in stamps:
            assert frame[column].drop_nulls().max() <= PULL_CAP, (key, column)
            assert frame[column].drop_nulls().min() >= START - timedelta(days=5), (key, column)
    reviews = built.records["reviews/reviews"].select(_utc("created_at"), _utc("pulled_at"))
    assert (reviews["pulled_at"] >= reviews["created_at"]).all()


# --------------------------------------------------------------------------------------------
# Contracts
# --------------------------------------------------------------------------------------------


def test_contracts_cover_every_sponsored_post(built: Built) -> None:
    contracts = built.records["creator_contracts/contracts"]
    world = built.world
    assert set(contracts["creator_username"]) <= set(world.creators["username"])
    assert set(contracts["brand"]) <= set(world.brands["brand"])
    posts = (
        world.posts.filter("is_sponsored")
        .join(world.products.select("product_id", "brand"), on="product_id")
        .join(world.creators.select("creator_id", "username"), on="creator_id")
        .select("username", "brand", pl.col("created_at").dt.date().alias("day"))
    )
    covered = posts.join(
        contracts.rename({"creator_username": "username"}), on=["username", "brand"], how="left"
    ).with_columns(
        ((pl.col("start_date") <= pl.col("day")) & (pl.col("day") <= pl.col("end_date")))
        .fill_null(False)
        .alias("inside")
    )
    assert posts.height > 0
    assert covered["inside"].all()
    # One contract per creator x brand.
    assert contracts.select(pl.struct("creator_username", "brand").n_unique()).item() == (
        contracts.height
    )


def test_contract_fees_follow_followers_and_campaigns_name_the_brand(built: Built) -> None:
    contracts = built.records["creator_contracts/contracts"]
    truth = built.truth["creator_contract_truth"]
    assert truth.height == contracts.height
    assert (contracts["currency"] == "USD").mean() > 0.6
    per_1k = truth["rate_card_fee_per_post_usd"] / (truth["followers_at_start"] / 1000)
    assert 3.0 <= float(per_1k.median()) <= 30.0
    card = "rate_card_fee_per_post_usd"
    big = truth.filter(pl.col("followers_at_start") > 100_000)[card].median()
    small = truth.filter(pl.col("followers_at_start") < 10_000)[card].median()
    assert big is not None and small is not None and big > 5 * small
    # Fees add up to creator-driven revenue / TARGET_CREATOR_ROAS (the floor adds a little).
    lines = built.lines.filter("is_creator_driven")
    revenue = float((lines["price_usd"] * lines["quantity"]).sum())
    total = float(truth["fee_usd"].sum())
    from social_commerce.generate.aftermarket import TARGET_CREATOR_ROAS

    assert revenue / TARGET_CREATOR_ROAS * 0.9 <= total <= revenue / TARGET_CREATOR_ROAS * 1.6
    # Scaling keeps the rate cards' order: the larger the following, the larger the fee.
    ranks = truth.select(
        pl.corr("fee_per_post_usd", "followers_at_start", method="spearman")
    ).item()
    assert ranks > 0.5
    seasons = dict.fromkeys([1, 2], "newyear") | dict.fromkeys([3, 4, 5], "spring")
    seasons |= dict.fromkeys([6, 7, 8], "summer") | dict.fromkeys([9, 10], "fall")
    seasons |= dict.fromkeys([11, 12], "holiday")
    first_post = (
        built.world.posts.filter("is_sponsored")
        .join(built.world.products.select("product_id", "brand"), on="product_id")
        .join(built.world.creators.select("creator_id", "username"), on="creator_id")
        .group_by("username", "brand")
        .agg(pl.col("created_at").min())
    )
    expected = contracts.join(
        first_post, left_on=["creator_username", "brand"], right_on=["username", "brand"]
    ).select(slug(pl.col("brand")).str.replace_all("-", ""), "utm_campaign", "created_at")
    assert expected.height == contracts.height
    assert all(
        campaign == f"{brand_slug}_{seasons[first.month]}"
        for brand_slug, campaign, first in expected.iter_rows()
    )
    creators = built.world.creators.select("username", "promo_code")
    codes = contracts.join(creators, left_on="creator_username", right_on="username")
    with_code = codes.filter(pl.col("promo_code").is_not_null())
    assert (with_code["promo_code"] == with_code["promo_code_right"]).all()


# --------------------------------------------------------------------------------------------
# Reviews
# --------------------------------------------------------------------------------------------


def test_reviews_reference_products_orders_and_follow_the_order(built: Built) -> None:
    reviews = built.records["reviews/reviews"].with_columns(_utc("created_at"))
    assert reviews.height == scaled("reviews", SCALE)
    assert reviews["id"].n_unique() == reviews.height
    products = set(built.world.products["product_id"].cast(pl.String))
    assert set(reviews["product_id"]) <= products
    verified = reviews.filter("verified_buyer")
    unverified = reviews.filter(~pl.col("verified_buyer"))
    assert unverified.height > 0 and unverified["order_id"].is_null().all()
    assert verified["order_id"].is_not_null().all()
    lines = built.lines.select(
        pl.col("order_id").cast(pl.String),
        pl.col("product_id").cast(pl.String),
        "ordered_at",
        "customer_id",
    ).unique(["order_id", "product_id"])
    joined = verified.join(lines, on=["order_id", "product_id"], how="left")
    assert joined["ordered_at"].is_not_null().all()
    delay = (joined["created_at"] - joined["ordered_at"]).dt.total_seconds() / 86_400
    assert delay.min() >= 5 and delay.max() <= 30
    # The reviewer's e-mail is the customer's.
    emails = joined.join(built.customers, on="customer_id").select(
        pl.col("reviewer").struct.field("email"), pl.col("email").alias("customer_email")
    )
    assert (emails["email"] == emails["customer_email"]).all()


def test_regretted_lines_get_lower_ratings(built: Built) -> None:
    truth = built.truth["review_truth"].filter("verified_buyer")
    regretted = truth.filter("regretted")["rating"].mean()
    happy = truth.filter(~pl.col("regretted"))["rating"].mean()
    assert regretted is not None and happy is not None
    assert happy > 4.0 and regretted < happy - 1.0
    five = (truth.filter(~pl.col("regretted"))["rating"] == 5).mean()
    assert 0.45 < five < 0.8  # J-shaped: five stars dominate


# --------------------------------------------------------------------------------------------
# Resale
# --------------------------------------------------------------------------------------------


def test_every_resold_line_is_listed_with_its_sku(built: Built) -> None:
    listings = built.records["resale/listings"].with_columns(
        _utc("listed_at"), _utc("sold_at"), _utc("pulled_at")
    )
    truth = built.truth["resale_listing_truth"]
    assert listings["listing_id"].n_unique() == listings.height
    resold = built.lines.filter(
        (pl.col("outcome") == "resold") & (pl.col("outcome_at") < PULL_CAP - timedelta(hours=1))
    )
    assert resold.height > 0
    listed = truth.filter("is_customer")
    assert sorted(listed["line_item_id"].to_list()) == sorted(resold["line_item_id"].to_list())
    assert truth.filter(~pl.col("is_customer")).height > 0
    joined = (
        truth.select("listing_id", "line_item_id")
        .join(listings, on="listing_id")
        .join(resold, on="line_item_id")
    )
    assert joined.height == resold.height
    assert (joined["sku"] == joined["sku_right"]).all()
    assert (joined["listed_at"] == joined["outcome_at"].dt.truncate("1s")).all()
    assert (joined["listed_at"] > joined["ordered_at"]).all()
    assert (joined["currency"] == joined["currency_right"]).all()
    assert (joined["list_price"] <= 1.2 * joined["unit_price"] + 0.5).all()
    sold = joined.filter(pl.col("status") == "sold")
    assert sold.height > 0
    assert (sold["sold_price"] <= sold["list_price"]).all()
    assert (sold["sold_price"] <= 1.2 * sold["unit_price"]).all()
    assert (sold["sold_at"] > sold["listed_at"]).all()
    assert (listings["pulled_at"] >= listings["listed_at"]).all()
    stamped = listings.filter(pl.col("sold_at").is_not_null())
    assert (stamped["pulled_at"] >= stamped["sold_at"]).all()
    # Handles are derived from the seller: one customer, one handle per platform style.
    handles = (
        joined.filter(pl.col("platform") != "facebook_marketplace")
        .group_by("customer_id")
        .agg(pl.col("seller_handle").n_unique().alias("n"))
    )
    assert (handles["n"] == 1).all()


def test_resale_platforms_respect_sellers_countries(built: Built) -> None:
    truth = built.truth["resale_listing_truth"].filter("is_customer")
    country = truth.join(built.customers, on="customer_id").select("platform", "country_code")
    assert country.filter(
        (pl.col("platform") == "mercari") & (pl.col("country_code") != "US")
    ).is_empty()
    assert country.filter(
        (pl.col("platform") == "poshmark") & ~pl.col("country_code").is_in(["US", "CA", "AU"])
    ).is_empty()


def test_resale_platform_effects_are_planted() -> None:
    """With many resold lines, realized recovery and sell-through follow the truth cells."""
    big = _build(scale=SCALE, resold_share=0.9, orders=12_000)
    effects = big.truth["resale_platform_effects"]
    categories = {category for _, category, _ in TAXONOMY}
    assert effects.height == len(categories) * len(RESALE_PLATFORMS)
    assert set(effects["category"]) == categories
    assert set(effects["platform"]) == RESALE_PLATFORMS
    truth = big.truth["resale_listing_truth"].join(
        big.records["resale/listings"].select("listing_id", "sold_price", "status"),
        on="listing_id",
    )
    realized = (
        truth.filter(pl.col("status") == "sold")
        .group_by("category", "platform")
        .agg(
            (pl.col("sold_price") / pl.col("paid_price")).mean().alias("recovery"),
            pl.len().alias("sold"),
        )
        .filter(pl.col("sold") >= 25)
        .join(effects, on=["category", "platform"])
    )
    assert realized.height >= 30
    corr = realized.select(pl.corr("recovery", "expected_recovery_rate", method="spearman")).item()
    assert corr > 0.8
    # Good department-platform fits recover more and sell faster than poor ones.
    by_fit = effects.group_by("fit").agg(
        pl.col("recovery_rate_nwt").mean(), pl.col("median_days_to_sell").mean()
    )
    good = by_fit.filter(pl.col("fit") == 1).row(0, named=True)
    poor = by_fit.filter(pl.col("fit") == -1).row(0, named=True)
    assert good["recovery_rate_nwt"] > poor["recovery_rate_nwt"] + 0.1
    assert good["median_days_to_sell"] < poor["median_days_to_sell"]


# --------------------------------------------------------------------------------------------
# Surveys
# --------------------------------------------------------------------------------------------


def _answers(built: Built) -> pl.DataFrame:
    """One row per response with one column per question (values as text)."""
    return (
        built.records["surveys/responses"]
        .select("response_id", "order_id", "submitted_at", "answers")
        .explode("answers")
        .unnest("answers")
        .pivot(on="question_id", index=["response_id", "order_id", "submitted_at"], values="value")
    )


def test_one_survey_per_responding_order_after_the_order(built: Built) -> None:
    responses = built.records["surveys/responses"].with_columns(_utc("submitted_at"))
    assert responses.height == scaled("survey_responses", SCALE)
    assert responses["order_id"].n_unique() == responses.height
    assert responses["response_id"].n_unique() == responses.height
    orders = built.lines.group_by("order_id").agg(
        pl.col("ordered_at").first(), pl.col("customer_id").first()
    )
    joined = responses.with_columns(pl.col("order_id").cast(pl.Int64)).join(
        orders, on="order_id", how="left"
    )
    assert joined["ordered_at"].is_not_null().all()
    delay = (joined["submitted_at"] - joined["ordered_at"]).dt.total_seconds() / 86_400
    assert delay.min() >= 7 and delay.max() <= 21
    emails = joined.join(built.customers, on="customer_id").select(
        pl.col("respondent")
        .struct.field("email")
        .str.strip_chars()
        .str.to_lowercase()
        .alias("stated"),
        "email",
    )
    assert (emails["stated"] == emails["email"]).all()


def test_survey_answers_follow_the_line(built: Built) -> None:
    answers = _answers(built)
    truth = built.truth["survey_response_truth"]
    lines = built.lines.select("line_item_id", "outcome", "regretted", "channel", "customer_id")
    joined = (
        answers.join(truth.select("response_id", "line_item_id"), on="response_id")
        .join(lines, on="line_item_id")
        .join(built.customers, on="customer_id")
    )
    assert joined.height == answers.height
    # Kept status is the line's outcome (gifted -> gave_away).
    expected = joined["outcome"].replace_strict(KEPT)
    assert (joined["kept_status"] == expected).all()
    # Demographics come from the customer (when answered).
    answered = joined.filter(pl.col("age_band").is_not_null())
    assert answered.height > 0.8 * joined.height
    assert (answered["age_band"] == answered["age_band_right"]).all()
    assert (answered["gender"] == answered["gender_right"]).all()
    # Stated regret is much higher for regretted lines; satisfaction lower.
    scored = joined.with_columns(
        pl.col("regret").cast(pl.Int64), pl.col("satisfaction").cast(pl.Int64)
    )
    regret = scored.group_by("regretted").agg(
        pl.col("regret").mean(), pl.col("satisfaction").mean()
    )
    yes = regret.filter("regretted").row(0, named=True)
    no = regret.filter(~pl.col("regretted")).row(0, named=True)
    assert yes["regret"] > no["regret"] + 1.5
    assert yes["satisfaction"] < no["satisfaction"] - 1.0
    # What influenced the purchase follows the channel, mostly.
    creator = joined.filter(pl.col("channel").str.starts_with("creator_"))
    assert (creator["influence"] == "creator_video").mean() > 0.65
    modal = {
        "paid_social": "ad",
        "paid_search": "search",
        "organic_search": "search",
        "email": "email",
        "creator_tiktok": "creator_video",
        "creator_instagram": "creator_video",
    }
    typed = joined.filter(pl.col("channel").is_in(list(modal)))
    agree = (typed["influence"] == typed["channel"].replace_strict(modal)).mean()
    assert agree > 0.6
    comments = joined["comment"].drop_nulls()
    assert (comments.str.len_chars() > 0).all()


def test_empty_commerce_gives_empty_but_typed_frames() -> None:
    world = _world(7, 0.03)
    lines, customers = fake_commerce(np.random.default_rng(1), world, 20, 20)
    frames = _build_aftermarket()(
        np.random.default_rng(2), world, lines.clear(), customers.clear(), 0.03
    )
    assert frames.records["resale/listings"].height == 0
    assert frames.records["surveys/responses"].height == 0
    assert frames.records["creator_contracts/contracts"].height > 0
    full = _build(scale=0.03).records
    for key, frame in frames.records.items():
        assert frame.schema == full[key].schema, key


def test_review_pull_stamps_before_cap_and_after_creation(built: Built) -> None:
    frame = built.records["reviews/reviews"].select(_utc("created_at"), _utc("pulled_at"))
    cap = datetime.fromtimestamp(END_S, tz=UTC) + timedelta(days=3)
    assert (frame["pulled_at"] <= cap).all()
    assert (frame["created_at"] < datetime.fromtimestamp(END_S, tz=UTC)).all()


def test_campaign_tags_follow_the_commerce_rule() -> None:
    """Contracts tag campaigns with the rule commerce uses for creator links."""
    commerce = pytest.importorskip("social_commerce.generate.commerce")
    from social_commerce.generate.aftermarket import creator_campaign

    days = np.arange(-40, DAYS)
    dates = pl.Series([START.date() + timedelta(days=int(d)) for d in days])
    brands = pl.Series(["Cinder & Silk", "Glowverse", "Lumiere Lane"] * (len(days) // 3 + 1))[
        : len(days)
    ]
    ours = pl.select(creator_campaign(pl.lit(brands), pl.lit(dates))).to_series()
    theirs = pl.select(
        pl.concat_str(
            [
                commerce.brand_slug(pl.lit(brands)),
                pl.lit("_"),
                pl.lit(pl.Series(commerce.campaign_season(days))),
            ]
        )
    ).to_series()
    assert ours.to_list() == theirs.to_list()
