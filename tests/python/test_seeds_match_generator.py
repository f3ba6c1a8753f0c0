"""Seeds and the generator describe the same reference data."""

from __future__ import annotations

import csv
from pathlib import Path

from social_commerce.generate.config import CURRENCIES, TAXONOMY, TIERS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_taxonomy_seed_is_the_generator_taxonomy() -> None:
    seed = [(r["product_type"], r["category"], r["department"]) for r in _rows("product_taxonomy")]
    assert seed == TAXONOMY


def test_tier_seed_has_the_generator_bounds_and_mix() -> None:
    seed = _rows("creator_tiers")
    assert [r["tier"] for r in seed] == [t[0] for t in TIERS]
    assert [int(r["min_followers"]) for r in seed] == [t[1] for t in TIERS]
    assert [r["max_followers"] for r in seed[:-1]] == [str(t[2]) for t in TIERS[:-1]]
    assert seed[-1]["max_followers"] == ""
    assert [float(r["benchmark_population_share"]) for r in seed] == [t[3] for t in TIERS]


def test_currency_seed_covers_the_generator_currencies() -> None:
    seed = {r["currency_code"]: float(r["usd_per_unit"]) for r in _rows("currency_rates")}
    assert seed == CURRENCIES


def test_score_weights_add_up_to_one() -> None:
    assert abs(sum(float(r["weight"]) for r in _rows("scorecard_weights")) - 1) < 1e-9
