"""Raw to staging, checked from outside dbt: every raw line is staged, quarantined with the
reason the generator planted, or removed as a duplicate re-pull."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from social_commerce.contract import RAW_ENTITIES, RawEntity

from .conftest import BuildPaths

# Google Trends files are pivoted (one staged row per term and day), not one row per line.
LINE_ENTITIES = [e for e in RAW_ENTITIES if e.key != "trends/interest_over_time"]


def _stg(entity: RawEntity) -> str:
    return f"staging.stg_{entity.source}__{entity.entity}"


def _raw_lines(entity: RawEntity, test_build: BuildPaths) -> int:
    total = 0
    for path in entity.files(test_build.raw):
        with path.open("rb") as handle:
            total += sum(1 for _ in handle)
        if entity.fmt == "csv":
            total -= 1  # header line
    return total


def _defects(test_build: BuildPaths, entity: RawEntity) -> pl.DataFrame:
    defects = pl.read_parquet(test_build.truth / "injected_defects.parquet")
    return defects.filter(pl.col("entity") == entity.key)


@pytest.mark.parametrize("entity", LINE_ENTITIES, ids=lambda e: e.key)
def test_raw_lines_are_staged_quarantined_or_deduplicated(
    entity: RawEntity, test_build: BuildPaths, warehouse: duckdb.DuckDBPyConnection
) -> None:
    lines = _raw_lines(entity, test_build)
    staged = warehouse.sql(f"select count(*) from {_stg(entity)}").fetchone()[0]
    quarantined = warehouse.sql(f"select count(*) from {_stg(entity)}_quarantine").fetchone()[0]
    defects = _defects(test_build, entity)
    duplicates = defects.filter(pl.col("defect").str.starts_with("duplicate"))["rows"].sum()
    assert lines == staged + quarantined + duplicates, (lines, staged, quarantined, duplicates)


@pytest.mark.parametrize("entity", LINE_ENTITIES, ids=lambda e: e.key)
def test_quarantine_reasons_are_the_planted_defects(
    entity: RawEntity, test_build: BuildPaths, warehouse: duckdb.DuckDBPyConnection
) -> None:
    planted = (
        _defects(test_build, entity)
        .filter(pl.col("expected_reason") != "")
        .group_by("expected_reason")
        .agg(pl.col("rows").sum())
    )
    expected = dict(zip(planted["expected_reason"], planted["rows"], strict=True))
    found = dict(
        warehouse.sql(
            f"select reject_reason, count(*) from {_stg(entity)}_quarantine group by all"
        ).fetchall()
    )
    assert found == expected
