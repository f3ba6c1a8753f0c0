"""Attribution and budget marts on the test build, checked against independent computations.

* The Markov removal effects of the warehouse equal the public API run on the warehouse's own
  path summary (the analyst's route: export `conversion_path_summary`, run the CLI).
* The true incremental channel shares of `attribution_validation` (SQL) equal a computation in
  Python straight from the generator's truth files.
* The models agree with truth where the generator leaves no doubt (rank correlation), and the
  budget allocation spends exactly each budget at equal marginal ROAS.
"""

from __future__ import annotations

import math

import duckdb
import numpy as np
import polars as pl
import pytest

from social_commerce.attribution import attribute_paths, markov_removal_effects
from social_commerce.cli import main

from .conftest import BuildPaths

# Data-driven models and the best model must rank the channels' true incremental shares with at
# least this Spearman correlation (the generator's channel effects differ several-fold, so any
# sensible model ranks most channels right; at the test scale ~750 conversions add noise).
MIN_SPEARMAN_DATA_DRIVEN = 0.8


@pytest.fixture(scope="module")
def path_summary(warehouse: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return warehouse.sql(
        "select path, total_conversions, total_conversion_value, total_null "
        "from marts.conversion_path_summary"
    ).pl()


@pytest.mark.parametrize("order", [1, 2, 3])
def test_removal_effects_mart_equals_the_public_api(
    warehouse: duckdb.DuckDBPyConnection, path_summary: pl.DataFrame, order: int
) -> None:
    mart = warehouse.sql(
        f"select channel, removal_effect from marts.markov_removal_effects "
        f"where markov_order = {order} order by channel"
    ).pl()
    api = markov_removal_effects(path_summary, order=order).sort("channel_name")
    assert mart["channel"].to_list() == api["channel_name"].to_list()
    np.testing.assert_allclose(mart["removal_effect"], api["removal_effect"], atol=1e-9)


def test_cli_on_the_exported_path_summary(
    warehouse: duckdb.DuckDBPyConnection, path_summary: pl.DataFrame, tmp_path
) -> None:
    # the analyst's route: a semicolon-separated export, the CLI, a CSV back
    export = tmp_path / "paths.csv"
    path_summary.write_csv(export, separator=";")
    out = tmp_path / "out.csv"
    assert main(["attribute", str(export), "--model", "markov", "--output", str(out)]) == 0
    result = pl.read_csv(out).sort("channel_name")
    shares = warehouse.sql(
        "select channel, removal_effect_share from marts.markov_removal_effects "
        "where markov_order = 1 order by channel"
    ).pl()
    total = path_summary["total_conversions"].sum()
    np.testing.assert_allclose(
        result["total_conversions"], shares["removal_effect_share"] * total, rtol=1e-9
    )
    assert result["total_conversions"].sum() == pytest.approx(total)


def _true_incremental_shares(build: BuildPaths, conversion_ids: list[int]) -> dict[str, float]:
    """From the truth files: sum over conversions of 1 - P(without the channel) / P."""
    effects = pl.read_parquet(build.truth / "channel_effects.parquet")
    hazard = dict(zip(effects["channel"], effects["true_hazard_per_touch"], strict=True))
    journeys = pl.read_parquet(build.truth / "order_journeys.parquet").filter(
        pl.col("order_id").is_in(conversion_ids) & pl.col("channel_path").is_not_null()
    )
    totals: dict[str, float] = {}
    for path in journeys["channel_path"]:
        channels = path.split(" > ")
        keep = (1 - hazard["baseline"]) * math.prod(1 - hazard[c] for c in channels)
        converts = 1 - keep
        for channel in set(channels):
            kept_by_channel = math.prod(1 - hazard[c] for c in channels if c == channel)
            without = 1 - keep / kept_by_channel
            totals[channel] = totals.get(channel, 0.0) + 1 - without / converts
    grand = sum(totals.values())
    return {channel: value / grand for channel, value in totals.items()}


def test_true_shares_match_an_independent_computation(
    warehouse: duckdb.DuckDBPyConnection, test_build: BuildPaths
) -> None:
    conversions = warehouse.sql(
        "select conversion_id from marts.fct_conversion_paths where is_converting"
    ).pl()["conversion_id"]
    expected = _true_incremental_shares(test_build, conversions.to_list())
    mart = dict(
        warehouse.sql(
            "select channel, any_value(true_incremental_share) from marts.attribution_validation "
            "group by channel"
        ).fetchall()
    )
    assert set(mart) == set(expected)
    for channel, share in expected.items():
        assert mart[channel] == pytest.approx(share, abs=1e-9), channel


def test_models_rank_channels_like_truth(warehouse: duckdb.DuckDBPyConnection) -> None:
    comparison = warehouse.sql(
        "select model, model_family, spearman_vs_truth, mean_abs_share_error_vs_truth, "
        "channels_compared from marts.attribution_model_comparison"
    ).pl()
    assert comparison.height == 10
    assert (comparison["channels_compared"] >= 10).all()
    data_driven = comparison.filter(pl.col("model_family") == "data_driven")
    assert (data_driven["spearman_vs_truth"] >= MIN_SPEARMAN_DATA_DRIVEN).all(), data_driven
    best = comparison.sort("mean_abs_share_error_vs_truth").row(0, named=True)
    assert best["spearman_vs_truth"] >= MIN_SPEARMAN_DATA_DRIVEN
    metrics = warehouse.sql(
        "select count(*) from marts.ml_model_metrics "
        "where split = 'truth' and model_name like 'attribution_%'"
    ).fetchone()
    assert metrics == (20,)


def test_every_model_spends_the_same_conversions(warehouse: duckdb.DuckDBPyConnection) -> None:
    totals = warehouse.sql(
        "select model, sum(attributed_conversions), sum(attributed_revenue_usd) "
        "from marts.channel_attribution group by model"
    ).fetchall()
    paths = warehouse.sql(
        "select count(*), sum(conversion_value_usd) from marts.fct_conversion_paths "
        "where is_converting"
    ).fetchone()
    assert paths is not None
    for model, conversions, revenue in totals:
        assert conversions == pytest.approx(paths[0], rel=1e-9), model
        assert revenue == pytest.approx(paths[1], rel=1e-9), model


def test_attribute_paths_totals_match_the_mart(
    warehouse: duckdb.DuckDBPyConnection, path_summary: pl.DataFrame
) -> None:
    # last touch needs no fitting: the path-summary API and the touchpoint credits agree exactly
    api = attribute_paths(path_summary, ["last_touch"]).sort("channel_name")
    mart = warehouse.sql(
        "select channel, attributed_conversions from marts.channel_attribution "
        "where model = 'last_touch' and attributed_conversions > 0 order by channel"
    ).pl()
    api = api.filter(pl.col("total_conversions") > 0)
    assert api["channel_name"].to_list() == mart["channel"].to_list()
    np.testing.assert_allclose(api["total_conversions"], mart["attributed_conversions"])


def test_budget_allocation_spends_each_budget_at_equal_marginal_roas(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    allocation = warehouse.sql(
        "select total_budget, segment, allocated_spend, marginal_roas, allocation_status "
        "from marts.budget_allocation"
    ).pl()
    assert allocation["total_budget"].n_unique() >= 5
    for (budget,), rows in allocation.group_by("total_budget"):
        assert rows["allocated_spend"].sum() == pytest.approx(budget, rel=1e-6)
        interior = rows.filter(pl.col("allocation_status") == "interior")["marginal_roas"]
        assert interior.len() >= 1
        assert interior.max() == pytest.approx(interior.min(), rel=1e-6)
        # a segment held at its cap would earn at least the common marginal ROAS with more
        capped = rows.filter(pl.col("allocation_status") == "at_cap")["marginal_roas"]
        assert (capped >= interior.min() * (1 - 1e-6)).all()
    revenue = warehouse.sql(
        "select total_budget, sum(predicted_revenue) as revenue from marts.budget_allocation "
        "group by total_budget order by total_budget"
    ).pl()["revenue"]
    assert (revenue.diff().drop_nulls() > 0).all(), "more budget must predict more revenue"
