"""Tests of the commerce generator (Shopify, GA4, ads, experiments and the truth behind them)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
import types
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from social_commerce.contract import ENTITY_BY_KEY
from social_commerce.generate import commerce, pipeline
from social_commerce.generate.config import (
    CURRENCIES,
    DAYS,
    START,
    EntityFrames,
    MessRates,
    scaled,
)
from social_commerce.generate.world import World, build_world

from .test_generate_social import _build_social

SCALE = 0.04
ROOT = Path(__file__).resolve().parents[2]
START_S = int(START.timestamp())
END_S = START_S + DAYS * 86_400
SHOPIFY_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$")
COMMERCE_RECORDS = {
    "shopify/products",
    "shopify/customers",
    "shopify/orders",
    "ga4/events",
    "ads/daily_spend",
    "experiments/assignments",
}


def _aftermarket_module() -> types.ModuleType:
    """``generate.aftermarket`` (written by another engineer), or a stand-in while it is missing."""
    name = "social_commerce.generate.aftermarket"
    if name in sys.modules:
        return sys.modules[name]
    if importlib.util.find_spec(name) is not None:
        return importlib.import_module(name)
    module = types.ModuleType(name)
    module.build_aftermarket = lambda *args: EntityFrames()  # type: ignore[attr-defined]
    sys.modules[name] = module
    import social_commerce.generate as package

    package.aftermarket = module  # type: ignore[attr-defined]
    return module


def _ensure_customer_names() -> None:
    """Give a stand-in ``generate.text`` (see the social tests) a ``customer_names``."""
    text = sys.modules["social_commerce.generate.text"]
    if not hasattr(text, "customer_names"):

        def customer_names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
            first = np.array(["Ana", "Ben", "Chloé", "Dan"])[rng.integers(0, 4, n)]
            last = np.array(["López", "Smith", "Kim", "Okafor"])[rng.integers(0, 4, n)]
            return first, last

        text.customer_names = customer_names  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Built:
    """A world, its social and commerce frames, and what commerce handed to the aftermarket."""

    world: World
    social: EntityFrames
    frames: EntityFrames
    order_lines: pl.DataFrame
    customers_info: pl.DataFrame

    @cached_property
    def records(self) -> dict[str, pl.DataFrame]:
        """Every entity's records, the chunked ones (GA4) joined into one frame."""
        chunked = {key: chunks.collect() for key, chunks in self.frames.chunked.items()}
        return {**self.frames.records, **chunked}

    @property
    def truth(self) -> dict[str, pl.DataFrame]:
        return self.frames.truth


def _build(
    seed: int = 7, scale: float = SCALE, experiments: tuple[Any, ...] | None = None
) -> Built:
    """Build world, social and commerce; the aftermarket call is captured, not run."""
    build_social = _build_social()
    _ensure_customer_names()
    captured: dict[str, pl.DataFrame] = {}

    def build_aftermarket(
        rng: np.random.Generator,
        world: World,
        order_lines: pl.DataFrame,
        customers_info: pl.DataFrame,
        scale: float,
    ) -> EntityFrames:
        captured["order_lines"] = order_lines
        captured["customers_info"] = customers_info
        return EntityFrames()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_aftermarket_module(), "build_aftermarket", build_aftermarket)
        if experiments is not None:
            patch.setattr(commerce, "EXPERIMENTS", experiments)
        world = build_world(np.random.default_rng([seed, 1]), scale)
        social = build_social(np.random.default_rng([seed, 2]), world, scale)
        frames = commerce.build_commerce(np.random.default_rng([seed, 3]), world, scale)
    return Built(world, social, frames, captured["order_lines"], captured["customers_info"])


@pytest.fixture(scope="module")
def built() -> Built:
    """One small build shared by the tests of this module."""
    return _build()


def _param(key: str, kind: str = "string_value") -> pl.Expr:
    """A GA4 event parameter's value, as a column named like the key."""
    value = pl.element().struct.field("value").struct.field(kind)
    return (
        pl.col("event_params")
        .list.eval(value.filter(pl.element().struct.field("key") == key))
        .list.first()
        .alias(key)
    )


def _sessions(built: Built) -> pl.DataFrame:
    """One row per GA4 session (its session_start event) with its traffic parameters."""
    return (
        built.records["ga4/events"]
        .filter(pl.col("event_name") == "session_start")
        .select(
            "user_pseudo_id",
            "event_timestamp",
            _param("ga_session_id", "int_value"),
            _param("page_location"),
            _param("page_referrer"),
            _param("source"),
            _param("medium"),
            _param("campaign"),
            _param("content"),
            pl.col("collected_traffic_source").struct.field("gclid"),
        )
    )


def _lines(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Records as the JSON objects the writer puts on each line."""
    from social_commerce.generate.mess import encode_json

    return [json.loads(line) for line in encode_json(frame.drop("file_date", strict=False))]


# --------------------------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------------------------

FIELDS: dict[str, list[str]] = {
    "shopify/products": [
        "id", "title", "handle", "vendor", "product_type", "tags", "status", "created_at",
        "updated_at", "variants",
    ],
    "shopify/customers": [
        "id", "email", "first_name", "last_name", "phone", "created_at", "updated_at", "state",
        "tags", "email_marketing_consent", "default_address",
    ],
    "shopify/orders": [
        "id", "name", "email", "customer", "created_at", "processed_at", "cancelled_at",
        "currency", "total_price", "subtotal_price", "total_discounts", "total_tax",
        "financial_status", "fulfillment_status", "landing_site", "referring_site", "source_name",
        "discount_codes", "line_items", "refunds", "shipping_address", "updated_at",
    ],
    "ga4/events": [
        "event_date", "event_timestamp", "event_name", "user_pseudo_id", "user_id",
        "event_params", "collected_traffic_source", "traffic_source", "device", "geo",
        "ecommerce", "items", "file_date",
    ],
    "ads/daily_spend": [
        "date", "platform", "campaign_id", "campaign_name", "utm_source", "utm_medium",
        "utm_campaign", "currency", "spend", "impressions", "clicks",
    ],
    "experiments/assignments": [
        "experiment_id", "user_pseudo_id", "variant", "assigned_at", "platform",
    ],
}  # fmt: skip

NESTED_KEYS: dict[tuple[str, str], set[str]] = {
    ("shopify/products", "variants"): {
        "id", "product_id", "sku", "title", "price", "compare_at_price", "option1",
        "inventory_quantity",
    },
    ("shopify/orders", "line_items"): {
        "id", "product_id", "variant_id", "title", "sku", "quantity", "price",
    },
    ("shopify/orders", "discount_codes"): {"code", "amount", "type"},
    ("shopify/orders", "refunds"): {"id", "created_at", "note", "refund_line_items"},
    ("ga4/events", "event_params"): {"key", "value"},
    ("ga4/events", "items"): {"item_id", "price", "quantity"},
}  # fmt: skip


def test_deterministic_for_a_seed(built: Built) -> None:
    again = _build()
    for key, frame in built.records.items():
        assert frame.equals(again.records[key]), key
    for key, frame in built.truth.items():
        assert frame.equals(again.truth[key]), key
    assert built.order_lines.equals(again.order_lines)


def test_ga4_events_come_in_chunks_that_repeat(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GA4 events are made a chunk of sessions at a time, and every pass makes the same ones."""
    assert "ga4/events" not in built.frames.records
    chunks = built.frames.chunked["ga4/events"]
    assert next(iter(chunks)).equals(next(iter(chunks)))  # each pass restarts, never continues
    monkeypatch.setattr(commerce, "_GA4_CHUNK_SESSIONS", 500)
    small = _build().frames.chunked["ga4/events"]
    pieces = list(small)
    assert len(pieces) > 3
    # Smaller chunks draw differently within sessions, but the sessions are the same ones.
    starts = pl.col("event_name") == "session_start"
    whole = built.records["ga4/events"].filter(starts)
    chunked = pl.concat(pieces).filter(starts)
    assert chunked.height == whole.height
    assert chunked["user_pseudo_id"].sort().equals(whole["user_pseudo_id"].sort())


def test_entities_and_truth_tables(built: Built) -> None:
    assert set(built.records) == COMMERCE_RECORDS
    assert set(built.truth) == {
        "channel_effects",
        "creator_effects",
        "ad_response",
        "experiment_effects",
        "order_line_regret",
        "regret_coefficients",
        "order_journeys",
    }
    for key, fields in FIELDS.items():
        assert built.records[key].columns == fields, key


def test_nested_fields_match_the_contract(built: Built) -> None:
    for (key, column), fields in NESTED_KEYS.items():
        rows = built.records[key].select(column).filter(pl.col(column).list.len() > 0)
        objects = _lines(rows.head(300))
        assert objects, (key, column)
        assert {k for obj in objects for item in obj[column] for k in item} == fields
    event = _lines(built.records["ga4/events"].head(1))[0]
    assert set(event["event_params"][0]["value"]) == {"string_value", "int_value"}
    assert set(event["traffic_source"]) == {"name", "medium", "source"}
    assert set(event["device"]) == {"category", "operating_system"}
    assert set(event["geo"]) == {"country", "region"}
    events = built.records["ga4/events"]
    start = _lines(events.filter(pl.col("event_name") == "session_start").head(1))[0]
    assert set(start["collected_traffic_source"]) == {
        "manual_source", "manual_medium", "manual_campaign_name", "manual_content",
        "manual_term", "gclid",
    }  # fmt: skip
    purchase = built.records["ga4/events"].filter(pl.col("event_name") == "purchase").head(1)
    assert set(_lines(purchase)[0]["ecommerce"]) == {
        "transaction_id", "purchase_revenue", "total_item_quantity",
    }  # fmt: skip
    customer = _lines(built.records["shopify/customers"].head(1))[0]
    assert set(customer["default_address"]) == {"city", "province_code", "country_code", "zip"}
    order = _lines(
        built.records["shopify/orders"].filter(pl.col("refunds").list.len() > 0).head(1)
    )[0]
    assert set(order["refunds"][0]["refund_line_items"][0]) == {
        "id", "line_item_id", "quantity", "subtotal",
    }  # fmt: skip
    assert set(order["customer"]) == {"id"}
    assert set(order["shipping_address"]) == {"country_code", "province_code"}


def test_the_writer_writes_lines_staging_can_read(built: Built, tmp_path: Path) -> None:
    """Clean lines through the pipeline's writer: one GA4 file per day, JSON objects, CSVs."""
    entities = tuple(ENTITY_BY_KEY[key] for key in sorted(COMMERCE_RECORDS))
    none = MessRates(0, 0, 0, 0, 0, 0, 0)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "RAW_ENTITIES", entities)
        counts, defects = pipeline.write_raw(built.frames, tmp_path, 7, none, progress=False)
    assert defects.height == 0
    day_files = sorted((tmp_path / "ga4").glob("events_*.jsonl"))
    assert 300 <= len(day_files) <= DAYS + 1
    total = 0
    for path in day_files[::50]:
        lines = path.read_text(encoding="utf-8").splitlines()
        events = [json.loads(line) for line in lines]
        assert {e["event_date"] for e in events} == {path.stem.removeprefix("events_")}
        assert all(isinstance(e["event_timestamp"], int) for e in events)
        total += len(events)
    assert total > 0
    assert sum(len(p.read_text().splitlines()) for p in day_files) == counts["ga4/events"]["lines"]
    for key in ("shopify/orders", "shopify/customers", "shopify/products"):
        path = tmp_path / ENTITY_BY_KEY[key].source / ENTITY_BY_KEY[key].pattern
        first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        assert next(iter(first)) == "id"
        assert SHOPIFY_TIME.match(first["created_at"]), first["created_at"]
    for key in ("ads/daily_spend", "experiments/assignments"):
        path = tmp_path / ENTITY_BY_KEY[key].source / ENTITY_BY_KEY[key].pattern
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        # The writer puts the key column first; staging reads CSVs by their header.
        assert sorted(rows[0]) == sorted(FIELDS[key])
        assert all(len(row) == len(FIELDS[key]) and None not in row.values() for row in rows)


def test_timestamps_are_formatted_and_in_order(built: Built) -> None:
    orders = built.records["shopify/orders"]
    for column in ("created_at", "processed_at", "updated_at"):
        assert orders[column].str.contains(SHOPIFY_TIME.pattern).all(), column
    parsed = orders.select(
        pl.col(c).str.to_datetime("%Y-%m-%dT%H:%M:%S%:z", time_zone="UTC")
        for c in ("created_at", "processed_at", "updated_at")
    )
    assert (parsed["processed_at"] >= parsed["created_at"]).all()
    assert (parsed["updated_at"] >= parsed["created_at"]).all()
    customers = built.records["shopify/customers"]
    assert customers["created_at"].str.contains(SHOPIFY_TIME.pattern).all()
    events = built.records["ga4/events"]
    micros = events["event_timestamp"]
    assert micros.min() >= START_S * 1_000_000
    assert micros.max() < (END_S + 86_400) * 1_000_000
    assert events["event_date"].cast(pl.String).str.contains(r"^\d{8}$").all()
    assert (events["file_date"].dt.strftime("%Y%m%d") == events["event_date"].cast(pl.String)).all()
    assignments = built.records["experiments/assignments"]
    assert assignments["assigned_at"].str.contains(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").all()


def test_ids_are_unique(built: Built) -> None:
    orders = built.records["shopify/orders"]
    assert orders["id"].is_unique().all()
    assert orders["name"].is_unique().all() and orders["name"].str.starts_with("#").all()
    assert built.records["shopify/customers"]["id"].is_unique().all()
    assert built.records["shopify/customers"]["email"].str.to_lowercase().is_unique().all()
    line_ids = orders.select(pl.col("line_items").list.eval(pl.element().struct.field("id")))
    assert line_ids.explode("line_items")["line_items"].is_unique().all()
    refunds = orders.select("refunds").explode("refunds").drop_nulls().unnest("refunds")
    assert refunds["id"].is_unique().all()
    events = built.records["ga4/events"]
    assert events.select("user_pseudo_id", "event_timestamp", "event_name").is_unique().all()
    sessions = _sessions(built)
    assert sessions.select("user_pseudo_id", "ga_session_id").is_unique().all()
    assert sessions["user_pseudo_id"].str.contains(r"^\d{9,10}\.\d{10}$").all()


# --------------------------------------------------------------------------------------------
# Links between entities
# --------------------------------------------------------------------------------------------


def test_orders_reference_customers_products_and_variants(built: Built) -> None:
    orders = built.records["shopify/orders"]
    customers = built.records["shopify/customers"]
    products = built.records["shopify/products"]
    variants = products.select("variants").explode("variants").unnest("variants")
    assert orders["customer"].struct.field("id").is_in(customers["id"].implode()).all()
    emails = customers.select(pl.col("id").alias("customer_id"), "email")
    joined = orders.select(pl.col("customer").struct.field("id").alias("customer_id"), "email")
    assert joined.join(emails, on=["customer_id", "email"]).height == orders.height
    lines = orders.select("line_items").explode("line_items").unnest("line_items")
    assert lines["product_id"].is_in(products["id"].implode()).all()
    pairs = lines.join(
        variants.select(pl.col("id").alias("variant_id"), "product_id", "sku"),
        on=["variant_id", "product_id", "sku"],
    )
    assert pairs.height == lines.height
    assert products["id"].equals(built.world.products.sort("product_id")["product_id"])


def test_purchases_in_ga4_are_the_orders_of_tracked_journeys(built: Built) -> None:
    orders = built.records["shopify/orders"]
    journeys = built.truth["order_journeys"]
    purchases = built.records["ga4/events"].filter(pl.col("event_name") == "purchase")
    ids = purchases["ecommerce"].struct.field("transaction_id")
    assert ids.is_unique().all()
    assert ids.is_in(orders["id"].cast(pl.String).implode()).all()
    tracked = journeys.filter("is_tracked")["order_id"].cast(pl.String)
    assert set(ids.to_list()) == set(tracked.to_list())
    assert 0.9 < journeys["is_tracked"].mean() < 0.98  # consent-denied visitors lose the rest
    assert purchases["user_id"].is_not_null().all()
    # The purchase event's user_pseudo_id is the journey's, and revenue is the order's in USD.
    check = purchases.select(
        pl.col("ecommerce").struct.field("transaction_id").cast(pl.Int64).alias("order_id"),
        "user_pseudo_id",
        pl.col("ecommerce").struct.field("purchase_revenue"),
    ).join(journeys.select("order_id", pl.col("user_pseudo_id").alias("truth_user")), on="order_id")
    assert (check["user_pseudo_id"] == check["truth_user"]).all()
    rates = orders.select(
        pl.col("id").alias("order_id"),
        (pl.col("total_price").cast(pl.Float64) * pl.col("currency").replace_strict(CURRENCIES))
        .round(2)
        .alias("usd"),
    )
    revenue = check.join(rates, on="order_id")
    assert np.allclose(revenue["purchase_revenue"], revenue["usd"], atol=0.02)


def test_conversion_rate_and_paths(built: Built) -> None:
    sessions = _sessions(built)
    purchases = built.records["ga4/events"].filter(pl.col("event_name") == "purchase")
    assert 0.02 <= purchases.height / sessions.height <= 0.035
    assert abs(sessions.height / scaled("sessions", SCALE) - 1) < 0.1
    assert abs(built.records["shopify/orders"].height / scaled("orders", SCALE) - 1) < 0.1
    journeys = built.truth["order_journeys"].filter("is_tracked")
    assert 3.0 <= journeys["touchpoints"].mean() <= 6.0
    assert (journeys["touchpoints"] >= 1).all()
    lag = (journeys["ordered_at"] - journeys["first_touch_at"]).dt.total_days()
    assert lag.max() <= commerce.JOURNEY_DAYS + 1
    # Each converting path in GA4 (sessions of the user up to the purchase) has its touchpoints.
    ga_paths = (
        sessions.join(
            journeys.select("user_pseudo_id", "first_touch_at", "ordered_at"), on="user_pseudo_id"
        )
        .filter(
            pl.col("event_timestamp").cast(pl.Datetime("us", "UTC")) >= pl.col("first_touch_at"),
            pl.col("event_timestamp").cast(pl.Datetime("us", "UTC")) <= pl.col("ordered_at"),
        )
        .group_by("user_pseudo_id", "ordered_at")
        .len()
    )
    merged = ga_paths.join(journeys, on=["user_pseudo_id", "ordered_at"])
    assert (merged["len"] == merged["touchpoints"]).mean() > 0.95


def test_channel_conventions_follow_the_channel_grouping_seed(built: Built) -> None:
    rules = pl.read_csv(ROOT / "seeds/channel_grouping.csv").sort("rule_order")
    sessions = _sessions(built).with_columns(
        pl.col("source").fill_null("(direct)"), pl.col("medium").fill_null("(none)")
    )
    combos = sessions.group_by("source", "medium").len()
    found: dict[str, int] = {}
    for source, medium, count in combos.iter_rows():
        source, medium = source.lower(), medium.lower()  # the warehouse lower-cases tags
        for rule in rules.iter_rows(named=True):
            if re.fullmatch(rule["source_pattern"], source) and re.fullmatch(
                rule["medium_pattern"], medium
            ):
                found[rule["channel"]] = found.get(rule["channel"], 0) + count
                break
    assert set(found) == set(commerce.CHANNELS)
    creator = sessions.filter(pl.col("medium").is_in(["creator", "influencer", "Creator"]))
    shares = creator["medium"].value_counts(normalize=True)
    share = dict(zip(shares["medium"], shares["proportion"], strict=True))
    assert 0.88 < share["creator"] < 0.97 and "influencer" in share
    assert creator["page_location"].str.contains("utm_content=").all()
    search = sessions.filter(pl.col("medium") == "cpc", pl.col("source") == "google")
    assert search["gclid"].is_not_null().all()
    assert search["page_location"].str.contains("gclid=").all()
    organic_social = sessions.filter(
        pl.col("source").is_in(["tiktok.com", "l.instagram.com", "reddit.com", "t.co"])
    )
    assert organic_social["page_referrer"].is_not_null().all()
    assert not organic_social["page_location"].str.contains("utm_").any()
    direct = sessions.filter(pl.col("source") == "(direct)")
    assert direct["page_referrer"].is_null().all()
    email = sessions.filter(pl.col("medium") == "email")
    assert (email["source"] == "klaviyo").all()


def test_creator_sessions_follow_posts(built: Built) -> None:
    sessions = _sessions(built).filter(pl.col("medium").is_in(["creator", "influencer", "Creator"]))
    creators = built.world.creators.select("creator_id", "username")
    posts = (
        built.world.posts.filter(pl.col("product_id").is_not_null())
        .join(creators, on="creator_id")
        .select(
            pl.col("username").alias("content"), pl.col("platform").alias("source"), "created_at"
        )
    )
    assert sessions["content"].is_in(creators["username"].implode()).all()
    assert sessions["source"].is_in(["tiktok", "instagram"]).all()
    linked = (
        sessions.with_columns(pl.col("event_timestamp").cast(pl.Datetime("us", "UTC")).alias("at"))
        .join(posts, on=["content", "source"])
        .filter(pl.col("created_at") <= pl.col("at"))
        .group_by("user_pseudo_id", "ga_session_id")
        .agg(((pl.col("at") - pl.col("created_at")).min()).alias("since_post"))
    )
    assert linked.height == sessions.height  # every creator visit follows a post of its creator
    assert linked["since_post"].dt.total_days().median() <= 3
    # utm_campaign is <brand slug>_<season>, promo codes are the creators'.
    assert sessions["campaign"].str.contains(r"^[a-z0-9]+_[a-z]+$").all()
    codes = (
        built.records["shopify/orders"]
        .select("discount_codes")
        .explode("discount_codes")
        .drop_nulls()
        .unnest("discount_codes")
    )
    promo = codes.filter(pl.col("code").is_in(built.world.creators["promo_code"].implode()))
    assert promo.height > 0


def test_refunds_only_for_returned_lines_after_the_order(built: Built) -> None:
    orders = built.records["shopify/orders"]
    refunds = (
        orders.select(
            pl.col("id").alias("order_id"), pl.col("created_at").alias("ordered"), "refunds"
        )
        .explode("refunds")
        .drop_nulls("refunds")
        .unnest("refunds")
        .explode("refund_line_items")
        .unnest("refund_line_items", separator="_")
    )
    parse = "%Y-%m-%dT%H:%M:%S%:z"
    assert (
        refunds["created_at"].str.to_datetime(parse, time_zone="UTC")
        > refunds["ordered"].str.to_datetime(parse, time_zone="UTC")
    ).all()
    truth = built.truth["order_line_regret"]
    returned = set(truth.filter(pl.col("outcome") == "returned")["line_item_id"].to_list())
    assert set(refunds["refund_line_items_line_item_id"].to_list()) <= returned
    assert len(set(refunds["refund_line_items_line_item_id"].to_list())) > 0.7 * len(returned)
    statuses = orders.filter(pl.col("refunds").list.len() > 0)["financial_status"]
    assert statuses.is_in(["refunded", "partially_refunded"]).all()
    cancelled = orders.filter(pl.col("cancelled_at").is_not_null())
    assert (cancelled["financial_status"] == "voided").all()
    assert cancelled["refunds"].list.len().max() in (0, None)


def test_money_adds_up(built: Built) -> None:
    orders = built.records["shopify/orders"].with_columns(
        pl.col(c).cast(pl.Float64)
        for c in ("total_price", "subtotal_price", "total_discounts", "total_tax")
    )
    gross = orders.select(
        pl.col("line_items")
        .list.eval(
            pl.element().struct.field("price").cast(pl.Float64)
            * pl.element().struct.field("quantity")
        )
        .list.sum()
    ).to_series()
    assert np.allclose(orders["subtotal_price"], gross - orders["total_discounts"], atol=0.011)
    assert (orders["total_price"] >= orders["subtotal_price"]).all()
    codes = orders.filter(pl.col("discount_codes").list.len() > 0)
    amounts = codes.select(
        pl.col("discount_codes").list.first().struct.field("amount").cast(pl.Float64)
    ).to_series()
    assert np.allclose(amounts, codes["total_discounts"])


def test_currency_mix(built: Built) -> None:
    orders = built.records["shopify/orders"]
    share = orders["currency"].value_counts(normalize=True)
    shares = dict(zip(share["currency"], share["proportion"], strict=True))
    assert set(shares) == {"USD", "EUR", "GBP", "CAD", "AUD"}
    assert 0.7 < shares["USD"] < 0.9
    countries = orders.select(pl.col("shipping_address").struct.field("country_code"), "currency")
    assert (countries.filter(pl.col("country_code") == "US")["currency"] == "USD").all()
    gb = countries.filter(pl.col("country_code") == "GB")["currency"]
    assert (gb == "GBP").mean() > 0.6


# --------------------------------------------------------------------------------------------
# Planted truths
# --------------------------------------------------------------------------------------------


def test_ad_spend_drives_paid_sessions(built: Built) -> None:
    ads = built.records["ads/daily_spend"]
    assert set(ads["platform"]) == {"tiktok", "meta", "google", "pinterest"}
    assert ads["campaign_name"].str.contains(",").not_().all()
    assert (ads["clicks"] <= ads["impressions"]).all() and (ads["spend"] > 0).all()
    sessions = _sessions(built).filter(pl.col("medium").is_in(["paid_social", "cpc"]))
    per_day = sessions.group_by("campaign").len()
    spend = ads.group_by("utm_campaign").agg(pl.col("spend").sum())
    joined = spend.join(per_day, left_on="utm_campaign", right_on="campaign", how="left")
    assert joined["len"].fill_null(0).sum() == sessions.height  # every paid visit has a campaign
    # Within a campaign, high-spend days bring more visits than low-spend days.
    daily = (
        sessions.with_columns(
            pl.col("event_timestamp")
            .cast(pl.Datetime("us", "UTC"))
            .dt.convert_time_zone("America/New_York")
            .dt.date()
            .alias("date")
        )
        .group_by("campaign", "date")
        .len()
    )
    frame = (
        ads.with_columns(pl.col("date").str.to_date())
        .join(daily, left_on=["utm_campaign", "date"], right_on=["campaign", "date"], how="left")
        .with_columns(pl.col("len").fill_null(0))
    )
    wins = []
    for (_campaign,), part in frame.group_by("campaign_id"):
        if part.height < 60:
            continue
        high = part["spend"] >= part["spend"].median()
        wins.append(part.filter(high)["len"].mean() > part.filter(~high)["len"].mean())
    assert len(wins) >= 5 and np.mean(wins) >= 0.8
    response = built.truth["ad_response"]
    lo, hi = commerce.AD_EXPONENT_RANGE
    assert response["exponent"].is_between(lo, hi).all()
    assert set(response["campaign_id"]) == set(ads["campaign_id"])


def test_channel_effects_truth(built: Built) -> None:
    effects = built.truth["channel_effects"]
    assert set(effects["channel"]) == {*commerce.CHANNELS, "baseline"}
    assert (effects["true_hazard_per_touch"] > 0).all()
    hazard = dict(zip(effects["channel"], effects["true_hazard_per_touch"], strict=True))
    # One calibration factor: the ratios are those of the constants.
    ratio = hazard["email"] / commerce.CHANNEL_HAZARD["email"]
    for channel, base in commerce.CHANNEL_HAZARD.items():
        assert hazard[channel] == pytest.approx(base * ratio)
    creators = built.truth["creator_effects"]
    assert creators["creator_id"].is_in(built.world.creators["creator_id"].implode()).all()
    intent = built.world.creators.select("creator_id", "audience_intent")
    tiktok = creators.filter(pl.col("platform") == "tiktok").join(intent, on="creator_id")
    assert np.corrcoef(tiktok["true_hazard_per_touch"], tiktok["audience_intent"])[0, 1] > 0.99


def test_regret_rises_with_its_drivers(built: Built) -> None:
    regret = built.truth["order_line_regret"]
    assert 0.15 < regret["regret_probability"].mean() < 0.3
    assert regret["outcome"].is_in(list(commerce.OUTCOMES)).all()

    def mean(frame: pl.DataFrame) -> float:
        return float(frame["regret_probability"].mean())

    cheap = regret.filter(pl.col("price_usd") <= regret["price_usd"].quantile(0.33))
    dear = regret.filter(pl.col("price_usd") >= regret["price_usd"].quantile(0.67))
    assert mean(dear) > mean(cheap)
    impulse = regret.filter(pl.col("impulse_hours") < 1)
    considered = regret.filter(pl.col("impulse_hours") > 72)
    assert mean(impulse) > mean(considered) + 0.1
    late = regret.filter(pl.col("trend_stage_at_purchase").is_in(["declining", "faded"]))
    early = regret.filter(pl.col("trend_stage_at_purchase").is_in(["rising", "none"]))
    assert mean(late) > mean(early)
    # Regretted lines are mostly returned or resold; kept lines mostly were not regretted.
    regretted = regret.filter("regretted")["outcome"].is_in(["returned", "resold"]).mean()
    assert regretted > 0.6
    coefficients = dict(
        zip(*built.truth["regret_coefficients"].get_columns(), strict=True)  # type: ignore[arg-type]
    )
    assert coefficients["log_price_usd_over_30"] > 0 > coefficients["log1p_impulse_hours"]
    assert coefficients["stage_faded"] > coefficients["stage_peak"] > 0


def test_regret_model_recovers_the_truth_from_its_drivers(built: Built) -> None:
    """The true logit is a function of the recorded drivers only (no hidden per-line noise)."""
    regret = built.truth["order_line_regret"]
    c = dict(zip(*built.truth["regret_coefficients"].get_columns(), strict=True))  # type: ignore[arg-type]
    stage = regret["trend_stage_at_purchase"]
    category = regret["category"]
    creator = regret["is_creator_driven"].to_numpy()
    logit = (
        c["intercept"]
        + c["log_price_usd_over_30"] * np.log(np.maximum(regret["price_usd"].to_numpy(), 0.5) / 30)
        + c["log1p_impulse_hours"] * np.log1p(regret["impulse_hours"].to_numpy())
        + c["stage_peak"] * (stage == "peak").to_numpy()
        + c["stage_declining"] * (stage == "declining").to_numpy()
        + c["stage_faded"] * (stage == "faded").to_numpy()
        + creator
        * (
            c["creator_driven"]
            + c["creator_driven_x_apparel"] * (category == "apparel").to_numpy()
            + c["creator_driven_x_gadgets"] * (category == "gadgets").to_numpy()
            + c["creator_driven_x_makeup"] * (category == "makeup").to_numpy()
        )
        + c["regret_badge_treatment"] * regret["regret_badge_treated"].to_numpy()
    )
    assert np.allclose(1 / (1 + np.exp(-logit)), regret["regret_probability"].to_numpy())


def test_interface_frames_for_the_aftermarket(built: Built) -> None:
    assert dict(built.order_lines.schema) == {
        "line_item_id": pl.Int64,
        "order_id": pl.Int64,
        "customer_id": pl.Int64,
        "product_id": pl.Int64,
        "variant_id": pl.Int64,
        "sku": pl.String,
        "title": pl.String,
        "quantity": pl.Int64,
        "unit_price": pl.Float64,
        "price_usd": pl.Float64,
        "currency": pl.String,
        "ordered_at": pl.Datetime("us", "UTC"),
        "category": pl.String,
        "brand": pl.String,
        "noun": pl.String,
        "channel": pl.String,
        "is_creator_driven": pl.Boolean,
        "creator_id": pl.Int64,
        "regret_probability": pl.Float64,
        "regretted": pl.Boolean,
        "outcome": pl.String,
        "outcome_at": pl.Datetime("us", "UTC"),
    }
    assert dict(built.customers_info.schema) == {
        "customer_id": pl.Int64,
        "email": pl.String,
        "first_name": pl.String,
        "last_name": pl.String,
        "country_code": pl.String,
        "age_band": pl.String,
        "gender": pl.String,
    }
    lines = built.order_lines
    assert lines["channel"].is_in(list(commerce.CHANNELS)).all()
    assert set(lines["outcome"]) <= set(commerce.OUTCOMES)
    with_time = lines["outcome"].is_in(["returned", "resold"])
    assert lines.filter(with_time)["outcome_at"].is_not_null().all()
    assert (lines.filter(with_time)["outcome_at"] > lines.filter(with_time)["ordered_at"]).all()
    assert lines.filter(~pl.col("is_creator_driven"))["creator_id"].is_null().all()
    assert lines.filter("is_creator_driven")["creator_id"].is_not_null().all()
    assert lines["line_item_id"].equals(built.truth["order_line_regret"]["line_item_id"])
    info = built.customers_info
    assert info["customer_id"].sort().equals(built.records["shopify/customers"]["id"])
    assert set(info["age_band"]) == {"18-24", "25-34", "35-44", "45-54", "55+"}
    assert set(info["gender"]) <= {"female", "male", "nonbinary", "prefer_not"}
    assert lines["customer_id"].is_in(info["customer_id"].implode()).all()


def test_experiment_assignments(built: Built) -> None:
    assignments = built.records["experiments/assignments"]
    assert set(assignments["experiment_id"]) == {e.experiment_id for e in commerce.EXPERIMENTS}
    assert set(assignments["variant"]) == {"control", "treatment"}
    assert set(assignments["platform"]) == {"web", "app"}
    assert abs(assignments.height / scaled("experiment_assignments", SCALE) - 1) < 0.15
    assert assignments.select("experiment_id", "user_pseudo_id").is_unique().all()
    users = built.records["ga4/events"]["user_pseudo_id"].unique().implode()
    assert assignments["user_pseudo_id"].is_in(users).all()
    for exp in commerce.EXPERIMENTS:
        at = assignments.filter(pl.col("experiment_id") == exp.experiment_id)["assigned_at"]
        days = (at.str.to_datetime(time_zone="UTC").dt.epoch("s") - START_S) // 86_400
        assert days.min() >= exp.start_day and days.max() < exp.end_day
    effects = built.truth["experiment_effects"]
    planted = effects.filter(
        pl.col("metric") == "conversion_rate", pl.col("variant") == "treatment"
    )
    assert dict(zip(planted["experiment_id"], planted["true_effect"], strict=True)) == {
        e.experiment_id: e.conversion_effect for e in commerce.EXPERIMENTS
    }


def test_experiment_effects_are_visible() -> None:
    """With amplified effects, GA4 and orders show them in the right direction, and the
    assignment log of the SRM experiment is short of treatment users."""
    loud = tuple(
        replace(
            e,
            conversion_effect={"exp_sticky_cart": 0.6, "exp_regret_badge": -0.3}.get(
                e.experiment_id, e.conversion_effect
            ),
            regret_logit_effect=-1.5 if e.regret_logit_effect else 0.0,
            treatment_log_loss=0.9 if e.treatment_log_loss else 0.0,
        )
        for e in commerce.EXPERIMENTS
    )
    run = _build(scale=0.08, experiments=loud)
    assignments = run.records["experiments/assignments"].with_columns(
        pl.col("assigned_at").str.to_datetime(time_zone="UTC")
    )
    purchases = (
        run.records["ga4/events"]
        .filter(pl.col("event_name") == "purchase")
        .select(
            "user_pseudo_id",
            pl.col("event_timestamp").cast(pl.Datetime("us", "UTC")).alias("at"),
            pl.col("ecommerce").struct.field("transaction_id").cast(pl.Int64).alias("order_id"),
        )
    )
    outcome = (
        assignments.join(purchases, on="user_pseudo_id", how="left")
        .with_columns((pl.col("at") >= pl.col("assigned_at")).fill_null(False).alias("bought"))
        .group_by("experiment_id", "variant", "user_pseudo_id")
        .agg(pl.col("bought").any())
        .group_by("experiment_id", "variant")
        .agg(pl.col("bought").mean(), pl.len())
    )
    rate = {(e, v): r for e, v, r, _ in outcome.iter_rows()}
    size = {(e, v): n for e, v, _, n in outcome.iter_rows()}
    assert rate["exp_sticky_cart", "treatment"] > 1.2 * rate["exp_sticky_cart", "control"]
    assert rate["exp_regret_badge", "treatment"] < rate["exp_regret_badge", "control"]
    srm = size["exp_free_shipping_bar", "treatment"] / (
        size["exp_free_shipping_bar", "treatment"] + size["exp_free_shipping_bar", "control"]
    )
    assert srm < 0.46
    aa = size["exp_homepage_hero_aa", "treatment"] / (
        size["exp_homepage_hero_aa", "treatment"] + size["exp_homepage_hero_aa", "control"]
    )
    assert 0.45 < aa < 0.55
    # Badge: fewer regretted purchases (visible as returns) among treated buyers.
    badge = assignments.filter(pl.col("experiment_id") == "exp_regret_badge").join(
        purchases, on="user_pseudo_id"
    )
    regret = run.truth["order_line_regret"].group_by("order_id").agg(pl.col("regretted").mean())
    by_variant = (
        badge.join(regret, on="order_id").group_by("variant").agg(pl.col("regretted").mean())
    )
    regretted = dict(zip(by_variant["variant"], by_variant["regretted"], strict=True))
    assert regretted["treatment"] < regretted["control"]


def test_generate_end_to_end(tmp_path: Path) -> None:
    """The whole generator (world, social, text, commerce, aftermarket, writer) at scale 0.03."""
    for module in ("text", "aftermarket"):
        name = f"social_commerce.generate.{module}"
        spec = importlib.util.find_spec(name)
        if spec is None or not (spec.origin or "").endswith(f"{module}.py"):
            pytest.skip(f"generate/{module}.py does not exist yet")
    manifest = pipeline.generate(
        tmp_path / "raw", tmp_path / "truth", scale=0.03, seed=7, progress=False
    )
    entities = manifest["entities"]
    assert isinstance(entities, dict)
    for key in COMMERCE_RECORDS:
        assert entities[key]["lines"] > 0, key
    for name in ("channel_effects", "order_line_regret", "experiment_effects", "ad_response"):
        assert (tmp_path / "truth" / f"{name}.parquet").exists(), name
    orders = (tmp_path / "raw" / "shopify" / "orders.jsonl").read_text(encoding="utf-8")
    assert orders.count("\n") == entities["shopify/orders"]["lines"]
