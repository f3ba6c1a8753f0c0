"""The attribution CLI against independent implementations.

- marketing-attribution-models (``mam``, exact first-order Markov by a dense fundamental matrix):
  removal effects and the attributed conversions match to 1e-6.
- ChannelAttribution (heuristics exact; Markov by simulation): heuristics match exactly, Markov
  removal effects to 0.01 with enough simulations and ``max_step`` lifted (its default caps a
  simulated journey at the longest observed path, which biases removal effects down).
- A dense numpy chain written here on ChannelAttribution's state definition (the first ``k``
  channels, then sliding windows; no left padding) matches orders 1 to 3 to 1e-9.

The peers are test-only extras (``pip install -e .[dev]``); their tests skip when missing.
"""

from __future__ import annotations

import contextlib
import io
import itertools
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from social_commerce.attribution import credit_touchpoints, markov_removal_effects
from social_commerce.cli import main
from tests.python.test_attribution import random_summary

HAND_MADE = pl.DataFrame(
    {
        "path": ["a > b > c", "a", "b > a", "c > c > b", "a > c", "b", "c > a > b > a"],
        "total_conversions": [3, 1, 2, 0, 4, 1, 2],
        "total_conversion_value": [90.0, 15.0, 40.0, 0.0, 100.0, 12.5, 55.0],
        "total_null": [5, 9, 4, 6, 2, 8, 1],
    }
)


@pytest.fixture(scope="module", params=["hand_made", "random"])
def summary(request: pytest.FixtureRequest) -> pl.DataFrame:
    return HAND_MADE if request.param == "hand_made" else random_summary(seed=11)


def _run_cli(tmp_path: Path, paths: pl.DataFrame, *args: str, separator: str = ";") -> pl.DataFrame:
    source, output = tmp_path / "paths.csv", tmp_path / "attributed.csv"
    paths.write_csv(source, separator=separator)
    assert main(["attribute", str(source), *args, "--output", str(output)]) == 0
    return pl.read_csv(output)


def _dense_removal_effects(paths: pl.DataFrame, order: int) -> dict[str, float]:
    """Removal effects from a dense chain, N = (I - Q)^-1, ChannelAttribution's states."""
    transitions: dict[tuple[tuple[str, ...], object], float] = {}
    for path, conv, null in paths.select("path", "total_conversions", "total_null").iter_rows():
        channels = [c.strip() for c in path.split(">")]
        if len(channels) >= order:
            states = [
                tuple(channels[i - order + 1 : i + 1]) for i in range(order - 1, len(channels))
            ]
        else:
            states = [tuple(channels)]
        steps = [("(start)",), *states]
        for here, there in itertools.pairwise(steps):
            transitions[here, there] = transitions.get((here, there), 0.0) + conv + null
        transitions[steps[-1], "conv"] = transitions.get((steps[-1], "conv"), 0.0) + conv
        transitions[steps[-1], "null"] = transitions.get((steps[-1], "null"), 0.0) + null
    transient = sorted({here for here, _ in transitions}, key=lambda s: (s != ("(start)",), s))
    index = {state: i for i, state in enumerate(transient)}
    size = len(transient)
    counts = np.zeros((size, size + 2))
    for (here, there), weight in transitions.items():
        column = size if there == "conv" else size + 1 if there == "null" else index[there]
        counts[index[here], column] += weight

    def conversion(matrix: np.ndarray) -> float:
        probabilities = matrix / matrix.sum(axis=1, keepdims=True)
        fundamental = np.linalg.inv(np.eye(size) - probabilities[:, :size])
        return float((fundamental @ probabilities[:, size])[0])

    full = conversion(counts)
    channels = sorted({c for state in transient[1:] for c in state})
    effects = {}
    for channel in channels:
        removed = counts.copy()
        for state, i in index.items():
            if channel in state and state != ("(start)",):
                removed[:, size + 1] += removed[:, i]
                removed[:, i] = 0.0
        effects[channel] = 1.0 - conversion(removed) / full
    return effects


@pytest.mark.parametrize("order", [1, 2, 3])
def test_markov_matches_a_dense_fundamental_matrix(summary: pl.DataFrame, order: int) -> None:
    ours = markov_removal_effects(summary, order)
    dense = _dense_removal_effects(summary, order)
    assert dict(zip(ours["channel_name"], ours["removal_effect"], strict=True)) == pytest.approx(
        dense, abs=1e-9
    )


def _mam_journeys(paths: pl.DataFrame) -> pl.DataFrame:
    return pl.concat(
        [
            paths.select(
                pl.col("path").alias("journey"),
                pl.lit(flag).alias("conversion"),
                pl.col(column).cast(pl.Int64).alias("occurrences"),
            )
            for flag, column in [(True, "total_conversions"), (False, "total_null")]
        ]
    ).filter(pl.col("occurrences") > 0)


def test_cli_reproduces_marketing_attribution_models_markov(
    tmp_path: Path, summary: pl.DataFrame
) -> None:
    mam = pytest.importorskip("mam.core")
    model = mam.MAM(
        _mam_journeys(summary),
        format_type="grouped_journey",
        channels_colname="journey",
        journey_with_conv_colname="conversion",
        occurrences_colname="occurrences",
    )
    peer = model.run_markov()
    effects = peer.metadata["removal_effect"]["removal_effect"]
    total = float(summary["total_conversions"].sum())
    value = float(summary["total_conversion_value"].sum())

    ours = _run_cli(tmp_path, summary, "--model", "markov", "--order", "1")
    assert set(ours["model"]) == {"markov_order_1"}
    by_channel = {row["channel_name"]: row for row in ours.iter_rows(named=True)}
    assert set(by_channel) == set(effects.index)
    for channel, effect in effects.items():
        row = by_channel[channel]
        assert row["removal_effect"] == pytest.approx(effect, abs=1e-6)
        share = effect / effects.sum()
        assert row["total_conversions"] == pytest.approx(total * share, abs=1e-6)
        assert row["total_conversion_value"] == pytest.approx(value * share, abs=1e-6)

    # mam's own per-channel totals split each journey by the removal effects of its touches:
    # the rule of credit_touchpoints. Expand the summary into journeys and compare.
    counts = summary.with_columns(
        pl.col("path").str.split(">").list.eval(pl.element().str.strip_chars()).alias("channel"),
        pl.concat_list(
            pl.lit(True).repeat_by(pl.col("total_conversions")),
            pl.lit(False).repeat_by(pl.col("total_null")),
        ).alias("is_converting"),
    )
    journeys = (
        counts.select("channel", "is_converting")
        .explode("is_converting")
        .with_row_index("path_id")
        .explode("channel")
        .with_columns(
            pl.int_range(1, pl.len() + 1).over("path_id").alias("touchpoint_index"),
            pl.lit(None, dtype=pl.Datetime).alias("touched_at"),
            pl.lit(None, dtype=pl.Datetime).alias("converted_at"),
            pl.col("is_converting").cast(pl.Float64).alias("conversion_value"),
        )
    )
    credits = credit_touchpoints(journeys, ["markov_order_1"])
    per_channel = credits.group_by("channel").agg(pl.col("credit").sum())
    expected = dict(peer.to_polars().iter_rows())
    assert dict(per_channel.iter_rows()) == pytest.approx(expected, abs=1e-6)


@pytest.fixture(scope="module")
def channel_attribution() -> object:
    """The ChannelAttribution module (skips when it is not installed)."""
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        return pytest.importorskip("ChannelAttribution")


def test_cli_reproduces_channel_attribution_heuristics(
    tmp_path: Path, summary: pl.DataFrame, channel_attribution: object
) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        peer = channel_attribution.heuristic_models(  # type: ignore[attr-defined]
            summary.to_pandas(),
            "path",
            "total_conversions",
            var_value="total_conversion_value",
            flg_pro=False,
        )
    ours = _run_cli(
        tmp_path,
        summary,
        "--model",
        "first_touch",
        "--model",
        "last_touch",
        "--model",
        "linear",
        separator=",",
    )
    names = {"first_touch": "first_touch", "last_touch": "last_touch", "linear": "linear_touch"}
    for model, prefix in names.items():
        rows = ours.filter(pl.col("model") == model)
        got = dict(zip(rows["channel_name"], rows["total_conversions"], strict=True))
        got_value = dict(zip(rows["channel_name"], rows["total_conversion_value"], strict=True))
        for record in peer.to_dict("records"):
            channel = record["channel_name"]
            assert got[channel] == pytest.approx(record[f"{prefix}_conversions"], abs=1e-9)
            assert got_value[channel] == pytest.approx(record[f"{prefix}_value"], abs=1e-9)


@pytest.mark.parametrize("order", [1, 2])
def test_channel_attribution_markov_simulation_agrees_loosely(
    summary: pl.DataFrame, channel_attribution: object, order: int
) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        peer = channel_attribution.markov_model(  # type: ignore[attr-defined]
            summary.to_pandas(),
            "path",
            "total_conversions",
            var_value="total_conversion_value",
            var_null="total_null",
            order=order,
            out_more=True,
            verbose=False,
            flg_pro=False,
            nsim_start=5e5,
            max_step=200,
        )
    simulated = peer["removal_effects"]
    ours = markov_removal_effects(summary, order)
    exact = dict(zip(ours["channel_name"], ours["removal_effect"], strict=True))
    for channel, effect in zip(
        simulated["channel_name"], simulated["removal_effects_conversion"], strict=True
    ):
        assert effect == pytest.approx(exact[channel], abs=0.015)
