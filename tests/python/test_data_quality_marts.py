"""The data-quality marts and the on-run-end hook's `reference.dbt_run_results` of the test build.

Every count is checked against a count made independently here: raw lines straight from the
files, staged and quarantined rows from the staging tables, row counts from the tables themselves.
"""

from __future__ import annotations

import duckdb
import pytest

from .conftest import BuildPaths


def _raw_line_count(test_build: BuildPaths, source_name: str, entity_name: str) -> int:
    """Lines of every raw file of one entity (`<source>/<entity>*.<ext>`), counted in Python."""
    files = sorted((test_build.raw / source_name).glob(f"{entity_name}*"))
    assert files, f"no raw files for {source_name}/{entity_name}"
    total = 0
    for path in files:
        with path.open("rb") as handle:
            total += sum(1 for _ in handle)
    return total


@pytest.fixture(scope="module")
def row_counts(warehouse: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], dict[str, object]]:
    rows = warehouse.sql("select * from marts.data_quality_row_counts").fetchall()
    columns = [
        column[0] for column in warehouse.sql("describe marts.data_quality_row_counts").fetchall()
    ]
    return {(row[0], row[1]): dict(zip(columns, row, strict=True)) for row in rows}


@pytest.mark.parametrize(
    ("source_name", "entity_name"),
    [("shopify", "orders"), ("ga4", "events"), ("ads", "daily_spend")],
)
def test_raw_lines_match_the_files(
    row_counts: dict[tuple[str, str], dict[str, object]],
    test_build: BuildPaths,
    source_name: str,
    entity_name: str,
) -> None:
    assert row_counts[(source_name, entity_name)]["raw_line_count"] == _raw_line_count(
        test_build, source_name, entity_name
    )


def test_staged_and_quarantined_rows_match_the_staging_tables(
    row_counts: dict[tuple[str, str], dict[str, object]], warehouse: duckdb.DuckDBPyConnection
) -> None:
    assert len(row_counts) == 19, "one row per raw entity"
    for (source_name, entity_name), row in row_counts.items():
        staged = warehouse.sql(f"select count(*) from staging.{row['staged_model']}").fetchone()
        quarantined = warehouse.sql(
            f"select count(*) from staging.stg_{source_name}__{entity_name}_quarantine"
        ).fetchone()
        assert staged is not None and quarantined is not None
        assert row["staged_row_count"] == staged[0], (source_name, entity_name)
        assert row["quarantined_line_count"] == quarantined[0], (source_name, entity_name)
        assert row["is_reconciled"], (source_name, entity_name)


def test_quarantine_reasons_add_up_to_the_quarantine(warehouse: duckdb.DuckDBPyConnection) -> None:
    mismatched = warehouse.sql(
        """
        select
            counts.source_name, counts.entity_name,
            counts.quarantined_line_count, reasons.line_count
        from marts.data_quality_row_counts as counts
        left join (
            select source_name, entity_name, sum(quarantined_line_count) as line_count
            from marts.data_quality_quarantine_reasons
            group by all
        ) as reasons using (source_name, entity_name)
        where counts.quarantined_line_count != coalesce(reasons.line_count, 0)
        """
    ).fetchall()
    assert mismatched == []
    total = warehouse.sql(
        "select sum(quarantined_line_count) from marts.data_quality_quarantine_reasons"
    ).fetchone()
    assert total is not None and total[0] > 0, (
        "the generator plants defects: something is quarantined"
    )


def test_freshness_is_the_newest_staged_record(warehouse: duckdb.DuckDBPyConnection) -> None:
    freshness = warehouse.sql(
        "select latest_record_at, days_since_latest_record from marts.data_quality_freshness"
        " where source_name = 'shopify' and entity_name = 'orders'"
    ).fetchone()
    newest = warehouse.sql("select max(ordered_at) from staging.stg_shopify__orders").fetchone()
    assert freshness is not None and newest is not None
    assert freshness[0] == newest[0]
    assert freshness[1] > 0, "the generated orders end before the build started"


def test_run_results_hold_every_mart_with_its_row_count(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    recorded = dict(
        warehouse.sql(
            "select node_name, row_count from reference.dbt_run_results"
            " where resource_type = 'model' and layer = 'marts' and status = 'success'"
        ).fetchall()
    )
    tables = [
        row[0]
        for row in warehouse.sql(
            "select table_name from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
    ]
    assert tables
    for table in tables:
        actual = warehouse.sql(f"select count(*) from marts.{table}").fetchone()
        assert actual is not None
        assert recorded.get(table) == actual[0], table


def test_run_results_hold_the_tests_of_one_build(warehouse: duckdb.DuckDBPyConnection) -> None:
    invocations, tests, statuses = warehouse.sql(
        "select count(distinct invocation_id), count(*) filter (where resource_type = 'test'),"
        " list(distinct status) from reference.dbt_run_results"
    ).fetchone() or (0, 0, [])
    assert invocations == 1, "the table holds the last build only"
    assert tests > 100, "every data test of the build is recorded"
    assert set(statuses) <= {"success", "pass", "warn", "fail", "error", "skipped"}
    untested = warehouse.sql(
        "select count(*) from reference.dbt_run_results"
        " where resource_type in ('test', 'unit_test') and layer <> 'test' and tested_node is null"
    ).fetchone()
    assert untested is not None and untested[0] == 0, (
        "every generic data test and unit test names its node"
    )
