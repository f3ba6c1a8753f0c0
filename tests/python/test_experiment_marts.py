"""Experiment marts on the test build, checked against the generator and independent computations.

* The registry seed describes the experiments the generator runs (ids, windows, allocation).
* `experiment_results` recomputed in Python from the staging tables: conversion counts, the
  interval and p-value of every treatment row, the sample-ratio-mismatch p-value (scipy).
* `experiment_validation`: the planted effects lie within the measured 95 % intervals at the
  test scale (wide intervals), the A/A test shows no significant lift, and the free-shipping test,
  whose app treatment assignments are partly lost from the log, is the only one flagged for a
  sample-ratio mismatch.
* The same checks on a scale-1 build when `SCW_SCALE1_WAREHOUSE` points to one that holds the
  experiment marts (skipped otherwise), where the sticky cart's +12 % and the regret badge's
  lower regret are significant and recovered.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest
from scipy import stats

from social_commerce.generate.commerce import EXPERIMENTS
from social_commerce.generate.config import START

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SRM_EXPERIMENT = "exp_free_shipping_bar"
AA_EXPERIMENT = "exp_homepage_hero_aa"
# Two-sided z of a 99.9 % interval: at scale 1 every planted effect must lie within it (the 95 %
# interval misses a true effect one time in twenty).
Z_999 = stats.norm.ppf(1 - 0.001 / 2)


def _registry() -> list[dict[str, str]]:
    with (SEEDS / "experiment_registry.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _results(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql("select * from marts.experiment_results order by all").pl()


def _validation(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql("select * from marts.experiment_validation order by all").pl()


def test_registry_is_the_generator_experiments() -> None:
    registry = {row["experiment_id"]: row for row in _registry()}
    assert set(registry) == {exp.experiment_id for exp in EXPERIMENTS}
    start = START.date()
    for exp in EXPERIMENTS:
        row = registry[exp.experiment_id]
        assert date.fromisoformat(row["start_date"]) == start + timedelta(days=exp.start_day)
        # the generator's window end is exclusive, the registry's end_date inclusive
        assert date.fromisoformat(row["end_date"]) == start + timedelta(days=exp.end_day - 1)
        assert float(row["expected_allocation_treatment"]) == 0.5


def test_conversions_match_an_independent_count(warehouse: duckdb.DuckDBPyConnection) -> None:
    window = 30  # var experiments_conversion_window_days
    expected = warehouse.sql(
        f"""
        select
            assignments.experiment_id,
            assignments.variant,
            count(distinct assignments.user_pseudo_id) as users,
            count(distinct orders.user_pseudo_id) as converted
        from staging.stg_experiments__assignments as assignments
        left join intermediate.int_orders_matched_to_ga4 as orders
            on assignments.user_pseudo_id = orders.user_pseudo_id
            and orders.is_tracked
            and orders.ordered_at >= assignments.assigned_at
            and orders.ordered_at < assignments.assigned_at + interval {window} day
        group by all
        order by all
        """
    ).pl()
    mart = (
        _results(warehouse)
        .filter(pl.col("metric") == "conversion_rate")
        .select("experiment_id", "variant", "assigned_users", "numerator_total")
        .sort("experiment_id", "variant")
    )
    assert mart["assigned_users"].to_list() == expected["users"].to_list()
    assert mart["numerator_total"].to_list() == expected["converted"].cast(pl.Float64).to_list()


def test_intervals_and_p_values_recomputed(warehouse: duckdb.DuckDBPyConnection) -> None:
    results = _results(warehouse)
    z = stats.norm.ppf(0.975)
    for row in results.filter(
        (pl.col("variant") == "treatment") & pl.col("relative_lift").is_not_null()
    ).iter_rows(named=True):
        control = results.filter(
            (pl.col("experiment_id") == row["experiment_id"])
            & (pl.col("metric") == row["metric"])
            & (pl.col("variant") == "control")
        ).row(0, named=True)
        var_t, var_c = row["standard_error"] ** 2, control["standard_error"] ** 2
        r_t, r_c = row["metric_value"], control["metric_value"]
        se = math.sqrt(var_t + var_c)
        assert row["absolute_lift_ci_low"] == pytest.approx(r_t - r_c - z * se, abs=1e-6)
        assert row["p_value"] == pytest.approx(2 * stats.norm.sf(abs(r_t - r_c) / se), abs=1e-6)
        se_rel = math.sqrt(var_t / r_c**2 + r_t**2 * var_c / r_c**4)
        assert row["relative_lift_ci_high"] == pytest.approx(r_t / r_c - 1 + z * se_rel, abs=1e-6)
    conversion = results.filter(pl.col("metric") == "conversion_rate")
    for row in conversion.iter_rows(named=True):
        # a proportion's standard error with the user as unit: sqrt(p (1 - p) / (n - 1))
        p, n = row["metric_value"], row["assigned_users"]
        assert row["standard_error"] == pytest.approx(math.sqrt(p * (1 - p) / (n - 1)), abs=1e-9)


def test_sample_ratio_p_values_recomputed(warehouse: duckdb.DuckDBPyConnection) -> None:
    counts = (
        _results(warehouse)
        .filter(pl.col("metric") == "conversion_rate")
        .pivot("variant", index=["experiment_id", "srm_p_value"], values="assigned_users")
    )
    for row in counts.iter_rows(named=True):
        total = row["control"] + row["treatment"]
        expected = stats.chisquare([row["control"], row["treatment"]], [total / 2, total / 2])
        assert row["srm_p_value"] == pytest.approx(expected.pvalue, abs=1e-6)


def _check_srm_and_aa(results: pl.DataFrame) -> None:
    flagged = set(results.filter("has_sample_ratio_mismatch")["experiment_id"].unique())
    assert flagged == {SRM_EXPERIMENT}
    aa = results.filter(
        (pl.col("experiment_id") == AA_EXPERIMENT) & (pl.col("variant") == "treatment")
    )
    assert aa.height == 3
    assert not aa["is_significant"].any()


def test_only_the_free_shipping_test_has_a_sample_ratio_mismatch(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    # at the test scale the overall counts are too few; the app platform, where the log loses
    # treatment assignments, shows the mismatch
    _check_srm_and_aa(_results(warehouse))
    srm = _results(warehouse).filter(pl.col("experiment_id") == SRM_EXPERIMENT).row(0, named=True)
    assert srm["srm_platform"] == "app"


def test_validation_recovers_the_planted_effects(warehouse: duckdb.DuckDBPyConnection) -> None:
    validation = _validation(warehouse)
    truth = warehouse.sql(
        "select experiment_id, metric from staging.stg_truth__experiment_effects "
        "where variant = 'treatment' and metric in ('conversion_rate', 'regret_rate')"
    ).pl()
    assert validation.height == truth.height == len(EXPERIMENTS) + 1
    # the test build is small (~300-450 users per arm): intervals are wide and must hold truth
    assert validation["is_within_ci"].all(), validation


# ----------------------------------------------------------------------------------------------
# Scale 1 (optional): SCW_SCALE1_WAREHOUSE=<a copy of warehouse.duckdb with marts.experiments>
# ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scale1() -> Iterator[duckdb.DuckDBPyConnection]:
    path = os.environ.get("SCW_SCALE1_WAREHOUSE")
    if not path or not Path(path).exists():
        pytest.skip("no scale-1 warehouse (set SCW_SCALE1_WAREHOUSE)")
    con = duckdb.connect(path, read_only=True)
    tables = con.sql(
        "select table_name from information_schema.tables where table_schema = 'marts'"
    ).pl()["table_name"]
    if "experiment_validation" not in tables.to_list():
        con.close()
        pytest.skip("the scale-1 warehouse has no experiment marts")
    yield con
    con.close()


def test_scale1_srm_and_aa(scale1: duckdb.DuckDBPyConnection) -> None:
    results = _results(scale1)
    _check_srm_and_aa(results)
    # at scale 1 the whole experiment's counts fail the test, not only the app platform's
    srm = results.filter(pl.col("experiment_id") == SRM_EXPERIMENT).row(0, named=True)
    assert srm["srm_p_value"] < 0.001


def test_scale1_recovers_the_planted_effects(scale1: duckdb.DuckDBPyConnection) -> None:
    validation = _validation(scale1)
    z95 = stats.norm.ppf(0.975)
    for row in validation.iter_rows(named=True):
        se = (row["relative_lift_ci_high"] - row["relative_lift_ci_low"]) / (2 * z95)
        error = row["measured_relative_lift"] - row["planted_relative_effect"]
        assert abs(error) <= Z_999 * se, row
    strong = validation.filter(
        ((pl.col("experiment_id") == "exp_sticky_cart") & (pl.col("metric") == "conversion_rate"))
        | ((pl.col("experiment_id") == "exp_regret_badge") & (pl.col("metric") == "regret_rate"))
    )
    assert strong.height == 2
    assert strong["is_significant"].all()
    assert strong["is_within_ci"].all()
