"""Shared constants of the synthetic-data generator.

Every number here is documented with where it comes from; the README's "Generated data" section
points at this module. Counts are the scale-1 sizes; :func:`scaled` turns them into the counts of
any scale factor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import polars as pl

#: First instant of the generated year (UTC). The window covers one Black-Friday season.
START = datetime(2025, 11, 1, tzinfo=UTC)
#: Length of the generated window in days.
DAYS = 365
#: Shopify shop time zone (orders carry this offset, staging converts to UTC).
SHOP_TIMEZONE = "America/New_York"

#: Scale-1 entity counts (DESIGN.md: about the size of the largest seed system).
SCALE_1_COUNTS: dict[str, int] = {
    "creators": 1_500,
    "tiktok_videos": 35_000,
    "instagram_media": 15_000,
    "tiktok_comments": 250_000,
    "products": 400,
    "brands": 40,
    "customers": 25_000,
    "orders": 30_000,
    "sessions": 1_000_000,
    "tweets": 40_000,
    "reddit_submissions": 8_000,
    "reddit_comments": 20_000,
    "reviews": 8_000,
    "survey_responses": 6_000,
    "trend_hashtags": 60,
    "experiment_assignments": 100_000,
}

#: Counts that do not grow with scale (a catalogue of brands or trends does not grow with traffic).
FIXED_COUNTS = frozenset({"brands", "trend_hashtags"})

#: Smallest count of any entity, so a tiny test scale still has every tier and category.
MIN_COUNT = 20


def scaled(name: str, scale: float) -> int:
    """Count of entity ``name`` at ``scale`` (linear, rounded, never below :data:`MIN_COUNT`)."""
    base = SCALE_1_COUNTS[name]
    if name in FIXED_COUNTS:
        return base
    return max(MIN_COUNT, round(base * scale))


#: Product taxonomy: (Shopify product_type, category slug, department). Mirrors
#: ``seeds/product_taxonomy.csv``; a test keeps the two identical.
TAXONOMY: list[tuple[str, str, str]] = [
    ("Skincare", "skincare", "beauty"),
    ("Makeup", "makeup", "beauty"),
    ("Haircare", "haircare", "beauty"),
    ("Fragrance", "fragrance", "beauty"),
    ("Apparel", "apparel", "fashion"),
    ("Shoes", "shoes", "fashion"),
    ("Accessories", "accessories", "fashion"),
    ("Jewelry", "jewelry", "fashion"),
    ("Home Decor", "home_decor", "home"),
    ("Kitchen", "kitchen", "home"),
    ("Cleaning", "cleaning", "home"),
    ("Organization", "organization", "home"),
    ("Gadgets", "gadgets", "tech"),
    ("Phone Accessories", "phone_accessories", "tech"),
    ("Audio", "audio", "tech"),
    ("Fitness", "fitness", "wellness"),
    ("Supplements", "supplements", "wellness"),
    ("Toys", "toys", "kids_pets"),
    ("Pet Supplies", "pet_supplies", "kids_pets"),
]

#: Creator tiers by follower count (Influencer Marketing Hub's and HypeAuditor's common cut-offs),
#: with the population mix of DESIGN/issue 2 (nano 40 / micro 35 / mid 15 / macro 7 / mega 3 %).
#: Mirrors ``seeds/creator_tiers.csv``. Upper bound of mega is a practical cap for generation.
TIERS: list[tuple[str, int, int, float]] = [
    ("nano", 1_000, 10_000, 0.40),
    ("micro", 10_000, 100_000, 0.35),
    ("mid", 100_000, 500_000, 0.15),
    ("macro", 500_000, 1_000_000, 0.07),
    ("mega", 1_000_000, 20_000_000, 0.03),
]

#: Currencies the shop accepts, and their USD rates (mirrors ``seeds/currency_rates.csv``).
CURRENCIES: dict[str, float] = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CAD": 0.73, "AUD": 0.66}


@dataclass(frozen=True)
class MessRates:
    """Share of raw lines that the orchestrator damages, per defect (documented in the README).

    Rates are per line of each JSONL/CSV entity; they are chosen near what real pulls show
    (re-pulls of a few percent are common with overlapping incremental windows; malformed lines
    are rare but never zero in practice).
    """

    duplicate_repull: float = 0.03
    late_arrival: float = 0.01
    malformed_line: float = 0.002
    wrong_type: float = 0.003
    impossible_value: float = 0.002
    missing_key: float = 0.001
    unknown_currency: float = 0.003


@dataclass(frozen=True)
class FrameChunks:
    """Records of one entity made a piece at a time, never whole in memory (GA4 events).

    ``produce`` starts the producer afresh from the same random state on every call, so each
    pass over the chunks yields the same pieces. The writer damages and writes one piece at a
    time; :meth:`collect` joins them, for tests and small scales.
    """

    produce: Callable[[], Iterator[pl.DataFrame]]

    def __iter__(self) -> Iterator[pl.DataFrame]:
        return self.produce()

    def collect(self) -> pl.DataFrame:
        """All pieces as one frame."""
        return pl.concat(list(self), rechunk=False)


@dataclass
class EntityFrames:
    """What a generator module returns: raw-shaped records and the ground truth behind them.

    ``chunked`` holds the entities too large to make whole (see :class:`FrameChunks`).
    """

    records: dict[str, pl.DataFrame] = field(default_factory=dict)
    truth: dict[str, pl.DataFrame] = field(default_factory=dict)
    chunked: dict[str, FrameChunks] = field(default_factory=dict)

    def update(self, other: EntityFrames) -> None:
        """Merge another module's frames into this one (keys must not collide)."""
        mine = self.records.keys() | self.chunked.keys() | self.truth.keys()
        theirs = other.records.keys() | other.chunked.keys() | other.truth.keys()
        clash = mine & theirs
        if clash:
            raise ValueError(f"generator modules both produced {sorted(clash)}")
        self.records.update(other.records)
        self.truth.update(other.truth)
        self.chunked.update(other.chunked)
