"""The raw-extract contract: which files the warehouse reads, in which format.

One entry per raw entity (a dbt source table). The generator writes exactly these files, the
``check-raw`` command checks that they are there before dbt runs, and the README's "Raw extracts"
table documents the fields. Paths are relative to the raw root (``data/raw`` or ``$SCW_RAW_DIR``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawEntity:
    """One raw entity: a file (or a glob of daily files) in a source folder."""

    source: str
    entity: str
    pattern: str  # file name or glob inside ``<raw_root>/<source>/``
    fmt: str  # "jsonl" or "csv"

    @property
    def key(self) -> str:
        """``source/entity``, the name used in manifests and defect tables."""
        return f"{self.source}/{self.entity}"

    def files(self, raw_root: Path) -> list[Path]:
        """Files of this entity under ``raw_root``, sorted (empty when none exist)."""
        return sorted((raw_root / self.source).glob(self.pattern))


RAW_ENTITIES: tuple[RawEntity, ...] = (
    RawEntity("tiktok", "user_info", "user_info.jsonl", "jsonl"),
    RawEntity("tiktok", "videos", "videos.jsonl", "jsonl"),
    RawEntity("tiktok", "comments", "comments.jsonl", "jsonl"),
    RawEntity("instagram", "accounts", "accounts.jsonl", "jsonl"),
    RawEntity("instagram", "media", "media.jsonl", "jsonl"),
    RawEntity("x", "tweets", "tweets.jsonl", "jsonl"),
    RawEntity("reddit", "submissions", "submissions.jsonl", "jsonl"),
    RawEntity("reddit", "comments", "comments.jsonl", "jsonl"),
    RawEntity("shopify", "products", "products.jsonl", "jsonl"),
    RawEntity("shopify", "customers", "customers.jsonl", "jsonl"),
    RawEntity("shopify", "orders", "orders.jsonl", "jsonl"),
    RawEntity("ga4", "events", "events_*.jsonl", "jsonl"),
    RawEntity("ads", "daily_spend", "daily_spend.csv", "csv"),
    RawEntity("creator_contracts", "contracts", "contracts.csv", "csv"),
    RawEntity("reviews", "reviews", "reviews.jsonl", "jsonl"),
    RawEntity("resale", "listings", "listings.jsonl", "jsonl"),
    RawEntity("surveys", "responses", "responses.jsonl", "jsonl"),
    RawEntity("trends", "interest_over_time", "interest_over_time_*.csv", "csv"),
    RawEntity("experiments", "assignments", "assignments.csv", "csv"),
)

SOURCES: tuple[str, ...] = tuple(dict.fromkeys(entity.source for entity in RAW_ENTITIES))

ENTITY_BY_KEY: dict[str, RawEntity] = {entity.key: entity for entity in RAW_ENTITIES}
