"""Attribution models on hand-made paths whose answers are worked out by hand (see the README)."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import polars as pl
import pytest

from social_commerce.attribution import (
    MODELS,
    attribute_paths,
    channel_set_masks,
    credit_touchpoints,
    markov_removal_effects,
    normalize_paths,
    shapley_shares,
)


def _summary(rows: list[tuple[str, float, float, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema=["path", "total_conversions", "total_conversion_value", "total_null"],
        orient="row",
    )


def _by_channel(result: pl.DataFrame, model: str, column: str = "total_conversions") -> dict:
    rows = result.filter(pl.col("model") == model)
    return dict(zip(rows["channel_name"], rows[column], strict=True))


def random_summary(seed: int = 3, channels: int = 8, distinct: int = 400) -> pl.DataFrame:
    """Several hundred distinct paths over ``channels`` channels, with conversions and nulls."""
    rng = np.random.default_rng(seed)
    names = [f"ch{i}" for i in range(channels)]
    seen: dict[str, None] = {}
    while len(seen) < distinct:
        length = int(rng.integers(1, 7))
        seen[" > ".join(rng.choice(names, size=length))] = None
    paths = list(seen)
    conversions = rng.integers(0, 4, size=len(paths))
    nulls = rng.integers(0, 12, size=len(paths)) + (conversions == 0)
    return pl.DataFrame(
        {
            "path": paths,
            "total_conversions": conversions,
            "total_conversion_value": np.round(conversions * rng.uniform(5, 80, len(paths)), 2),
            "total_null": nulls,
        }
    )


def random_touchpoints(seed: int = 5, journeys: int = 600) -> pl.DataFrame:
    """Journeys of 1..6 touches over 5 channels (with direct), about a third converting."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 7, size=journeys)
    converting = rng.random(journeys) < 0.35
    path_id = np.repeat(np.arange(journeys), lengths)
    index = np.concatenate([np.arange(1, n + 1) for n in lengths])
    start = datetime(2026, 1, 1)
    converted_at = [start + timedelta(days=int(d)) for d in rng.integers(20, 60, journeys)]
    hours_before = rng.uniform(0, 24 * 20, size=len(path_id))
    touched = [
        converted_at[p] - timedelta(hours=float(h) * (lengths[p] - i + 1) / lengths[p])
        for p, i, h in zip(path_id, index, hours_before, strict=True)
    ]
    return pl.DataFrame(
        {
            "path_id": path_id,
            "touchpoint_index": index,
            "channel": rng.choice(["direct", "email", "tiktok", "search", "creator"], len(index)),
            "touched_at": touched,
            "is_converting": converting[path_id],
            "converted_at": [converted_at[p] if converting[p] else None for p in path_id],
            "conversion_value": np.where(converting, rng.uniform(10, 200, journeys), 0.0)[path_id],
        }
    )


# --- Markov -------------------------------------------------------------------------------


def test_markov_removal_effects_by_hand() -> None:
    """README "Markov" example: a > b (1 conversion), b (1 null).

    start -> a 1/2, start -> b 1/2, a -> b 1, b -> conversion 1/2, b -> null 1/2, so
    P(conversion) = 1/2. Without a: 1/2 * 1/2 = 1/4, RE = 1/2. Without b: 0, RE = 1.
    """
    paths = _summary([("a > b", 1, 30.0, 0), ("b", 0, 0.0, 1)])
    effects = markov_removal_effects(paths, order=1)
    assert effects["channel_name"].to_list() == ["a", "b"]
    assert effects["removal_effect"].to_list() == pytest.approx([0.5, 1.0])
    assert effects["conversion_probability_without"].to_list() == pytest.approx([0.25, 0.0])
    result = attribute_paths(paths, ["markov"])
    assert _by_channel(result, "markov_order_1") == pytest.approx({"a": 1 / 3, "b": 2 / 3})
    assert _by_channel(result, "markov_order_1", "total_conversion_value") == pytest.approx(
        {"a": 10.0, "b": 20.0}
    )
    assert _by_channel(result, "markov_order_1", "removal_effect") == pytest.approx(
        {"a": 0.5, "b": 1.0}
    )


def test_markov_order_2_by_hand() -> None:
    """README order-2 example: a > b converts, c > b does not.

    Order 1 cannot tell the two b's apart (b converts half the time whichever came before), so
    RE(a) = RE(c) = 1/2 and RE(b) = 1. Order 2 has states (a,b) and (c,b): only a's path
    converts, so RE(a) = RE(b) = 1 and RE(c) = 0.
    """
    paths = _summary([("a > b", 1, 10.0, 0), ("c > b", 0, 0.0, 1)])
    first = markov_removal_effects(paths, order=1)
    assert first["removal_effect"].to_list() == pytest.approx([0.5, 1.0, 0.5])
    second = markov_removal_effects(paths, order=2)
    assert second["removal_effect"].to_list() == pytest.approx([1.0, 1.0, 0.0])
    result = attribute_paths(paths, ["markov"], order=2)
    assert _by_channel(result, "markov_order_2") == pytest.approx({"a": 0.5, "b": 0.5, "c": 0})


def test_markov_first_order_ignores_repeats() -> None:
    """A repeated channel is a self-loop; it never changes an absorption probability."""
    repeated = _summary([("a > a > b", 2, 10.0, 1), ("b > a", 1, 5.0, 3), ("c", 0, 0.0, 2)])
    collapsed = _summary([("a > b", 2, 10.0, 1), ("b > a", 1, 5.0, 3), ("c", 0, 0.0, 2)])
    assert markov_removal_effects(repeated)["removal_effect"].to_list() == pytest.approx(
        markov_removal_effects(collapsed)["removal_effect"].to_list(), abs=1e-12
    )


def test_markov_without_conversions_credits_nothing() -> None:
    effects = markov_removal_effects(_summary([("a > b", 0, 0.0, 3)]))
    assert effects["removal_effect"].to_list() == [0.0, 0.0]


# --- Shapley ------------------------------------------------------------------------------


def test_shapley_two_channels_by_hand() -> None:
    """README "Shapley" example.

    rate({a}) = 1/2, rate({b}) = 1/4, rate({a, b}) = 3/4.
    φ_a = 1/2 (1/2 - 0) + 1/2 (3/4 - 1/4) = 1/2, φ_b = 1/2 (1/4) + 1/2 (3/4 - 1/2) = 1/4,
    so the 3 conversions of a > b split 2 : 1 and a gets 1 + 2 = 3, b gets 1 + 1 = 2.
    """
    paths = _summary([("a", 1, 10.0, 1), ("b", 1, 10.0, 3), ("a > b", 3, 30.0, 1)])
    result = attribute_paths(paths, ["shapley"])
    assert _by_channel(result, "shapley") == pytest.approx({"a": 3.0, "b": 2.0})
    assert _by_channel(result, "shapley", "total_conversion_value") == pytest.approx(
        {"a": 30.0, "b": 20.0}
    )


def test_shapley_monotone_closure_gives_no_negative_credit() -> None:
    """rate({a}) = 1/2 > rate({a, b}) = 1/4: raw Shapley gives b -1/8; the closure gives b 0."""
    paths = _summary([("a", 1, 10.0, 1), ("b > a", 1, 10.0, 3)])
    result = attribute_paths(paths, ["shapley"])
    assert _by_channel(result, "shapley") == pytest.approx({"a": 2.0, "b": 0.0})


def test_shapley_caps_the_set_size() -> None:
    masks, _ = channel_set_masks(pl.Series([["a", "b", "c"]]))
    with pytest.raises(ValueError, match="capped at 2 channels"):
        shapley_shares(masks, np.array([1.0]), np.array([0.0]), max_set_size=2)


# --- Heuristics ---------------------------------------------------------------------------


def test_position_based_and_time_decay_by_position() -> None:
    """Four touches: 0.4 / 0.1 / 0.1 / 0.4; time decay (half-life 1 touch): 1, 2, 4, 8 / 15."""
    paths = _summary([("a > b > c > d", 1, 15.0, 0)])
    result = attribute_paths(paths, ["position_based", "time_decay"])
    assert _by_channel(result, "position_based") == pytest.approx(
        {"a": 0.4, "b": 0.1, "c": 0.1, "d": 0.4}
    )
    assert _by_channel(result, "time_decay", "total_conversion_value") == pytest.approx(
        {"a": 1.0, "b": 2.0, "c": 4.0, "d": 8.0}
    )
    two = attribute_paths(_summary([("a > b", 1, 1.0, 0), ("c", 1, 1.0, 0)]), ["position_based"])
    assert _by_channel(two, "position_based") == pytest.approx({"a": 0.5, "b": 0.5, "c": 1.0})


def test_last_non_direct_skips_direct_unless_all_direct() -> None:
    paths = _summary(
        [("email > direct", 1, 1.0, 0), ("direct > direct", 2, 2.0, 0), ("direct", 1, 1.0, 0)]
    )
    result = attribute_paths(paths, ["last_non_direct", "first_touch", "last_touch"])
    assert _by_channel(result, "last_non_direct") == {"direct": 3.0, "email": 1.0}
    assert _by_channel(result, "first_touch") == {"direct": 3.0, "email": 1.0}
    assert _by_channel(result, "last_touch") == {"direct": 4.0, "email": 0.0}


def test_paths_tolerate_spaces_and_merge_duplicates() -> None:
    summary = normalize_paths(_summary([("a>b", 1, 2.0, 0), (" a >  b ", 2, 3.0, 4)]))
    assert summary["path"].to_list() == ["a > b"]
    assert summary["total_conversions"].to_list() == [3.0]
    assert summary["total_null"].to_list() == [4.0]
    no_null = _summary([("a", 1, 2.0, 0)]).drop("total_null")
    assert attribute_paths(no_null, ["linear"])["total_conversions"].to_list() == [1.0]


def test_bad_input_raises_value_error() -> None:
    with pytest.raises(ValueError, match="unknown model"):
        attribute_paths(_summary([("a", 1, 1.0, 0)]), ["nonsense"])
    with pytest.raises(ValueError, match="total_conversion_value"):
        attribute_paths(pl.DataFrame({"path": ["a"], "total_conversions": [1]}))
    with pytest.raises(ValueError, match="empty channel"):
        attribute_paths(_summary([("a > > b", 1, 1.0, 0)]))
    with pytest.raises(ValueError, match="position_weights"):
        attribute_paths(_summary([("a", 1, 1.0, 0)]), position_weights=(0.5, 0.5, 0.5))


@pytest.mark.parametrize("order", [1, 2, 3])
def test_every_model_adds_up_to_the_input_totals(order: int) -> None:
    paths = random_summary()
    result = attribute_paths(paths, [*MODELS[:6], "markov", "shapley"], order=order)
    totals = result.group_by("model").agg(
        pl.col("total_conversions").sum(), pl.col("total_conversion_value").sum()
    )
    assert totals.height == 8
    assert totals["total_conversions"].to_numpy() == pytest.approx(
        paths["total_conversions"].sum(), rel=1e-12
    )
    assert totals["total_conversion_value"].to_numpy() == pytest.approx(
        paths["total_conversion_value"].sum(), rel=1e-12
    )
    assert (result["total_conversions"] >= -1e-12).all()
    is_markov = pl.col("model").str.starts_with("markov")
    assert result.filter(is_markov)["removal_effect"].null_count() == 0
    assert result.filter(~is_markov)["removal_effect"].is_null().all()


# --- Touchpoint credits -------------------------------------------------------------------


def test_touchpoint_credits_sum_to_one_for_every_model() -> None:
    touchpoints = random_touchpoints()
    credits = credit_touchpoints(touchpoints)
    assert set(credits["model"].unique()) == set(MODELS)
    assert credits.columns == [
        "path_id",
        "touchpoint_index",
        "channel",
        "model",
        "credit",
        "attributed_value",
    ]
    converting = touchpoints.filter(pl.col("is_converting"))
    assert credits.height == converting.height * len(MODELS)
    per_path = credits.group_by("path_id", "model").agg(pl.col("credit").sum())
    assert np.abs(per_path["credit"].to_numpy() - 1.0).max() < 1e-9
    value = converting.group_by("path_id").agg(pl.col("conversion_value").first())
    per_model = credits.group_by("model").agg(pl.col("attributed_value").sum())
    assert per_model["attributed_value"].to_numpy() == pytest.approx(
        value["conversion_value"].sum(), rel=1e-12
    )
    assert (credits["credit"] >= 0).all()


def test_touchpoint_rules_by_hand() -> None:
    """Time decay at 14, 7 and 0 days with a 7-day half-life: 1/7, 2/7, 4/7.

    Position-based over 3 touches: 0.4 / 0.2 / 0.4; last non-direct: the last a.
    """
    day = datetime(2026, 3, 15)
    rows = [
        (1, 1, "a", day - timedelta(days=14), True, day, 70.0),
        (1, 2, "direct", day - timedelta(days=7), True, day, 70.0),
        (1, 3, "a", day, True, day, 70.0),
        (2, 1, "direct", day - timedelta(days=1), False, None, 0.0),
    ]
    touchpoints = pl.DataFrame(
        rows,
        schema=[
            "path_id",
            "touchpoint_index",
            "channel",
            "touched_at",
            "is_converting",
            "converted_at",
            "conversion_value",
        ],
        orient="row",
    )
    credits = credit_touchpoints(touchpoints)

    def of(model: str) -> list[float]:
        return credits.filter(pl.col("model") == model).sort("touchpoint_index")["credit"].to_list()

    assert of("time_decay") == pytest.approx([1 / 7, 2 / 7, 4 / 7])
    assert of("position_based") == pytest.approx([0.4, 0.2, 0.4])
    assert of("last_non_direct") == [0.0, 0.0, 1.0]
    assert of("linear") == pytest.approx([1 / 3] * 3)
    # Chain: start -> a 1/2, start -> direct 1/2, a -> direct 1/2, a -> conversion 1/2,
    # direct -> a 1/2, direct -> null 1/2: P = 1/2. Without a: 0 (RE 1); without direct:
    # 1/2 * 1/2 (RE 1/2). Touch credits 1 : 1/2 : 1 over a, direct, a.
    assert of("markov_order_1") == pytest.approx([0.4, 0.2, 0.4])
    # v({a, direct}) = 1, v({a}) = v({direct}) = 0: φ = 1/2 each; a's half is split over its
    # two touches.
    assert of("shapley") == pytest.approx([0.25, 0.5, 0.25])
    assert credits.filter(pl.col("model") == "time_decay")["attributed_value"].to_list() == (
        pytest.approx([10.0, 20.0, 40.0])
    )


def test_empty_inputs_and_renamed_null_column() -> None:
    empty = _summary([]).cast({"path": pl.String})
    assert attribute_paths(empty).height == 0
    renamed = _summary([("a > b", 1, 3.0, 0), ("b", 0, 0.0, 1)]).rename({"total_null": "fails"})
    result = attribute_paths(renamed, ["markov"], null_column="fails")
    assert _by_channel(result, "markov_order_1", "removal_effect") == pytest.approx(
        {"a": 0.5, "b": 1.0}
    )
    touchpoints = random_touchpoints(journeys=30)
    assert credit_touchpoints(touchpoints.head(0)).height == 0
    never = touchpoints.with_columns(
        pl.lit(False).alias("is_converting"), pl.lit(None, dtype=pl.Datetime).alias("converted_at")
    )
    assert credit_touchpoints(never).height == 0
    mixed = touchpoints.with_columns((pl.col("touchpoint_index") == 1).alias("is_converting"))
    with pytest.raises(ValueError, match="same on every touchpoint"):
        credit_touchpoints(mixed)
