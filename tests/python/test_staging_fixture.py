"""Staging on the hand-made fixture: every line is staged, removed as a duplicate or
quarantined with exactly the reason declared in ``tests/fixtures/raw_small/README.md``.

Runs ``dbt build`` on the seeds and staging (with every data and unit test on them) with the
fixture as the raw root, into a DuckDB file of its own, then compares the warehouse with the
README's table. Marts are left out: a handful of hand-made rows cannot satisfy their invariants
(e.g. every creator tier present); the generated test build checks those.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from social_commerce.contract import RAW_ENTITIES, RawEntity

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests/fixtures/raw_small"
CSV_LIKE = {"ads", "creator_contracts", "experiments", "trends"}  # bases with a `line_kind`

_ROW = re.compile(
    r"^\| (?P<entity>\w+/\w+) \| (?P<lines>\d+) \| (?P<staged>\d+) \| (?P<duplicates>\d+) "
    r"\| (?P<preamble>\d+) \| (?P<reasons>.*) \|$"
)


@dataclass(frozen=True)
class Expected:
    """One row of the README's table."""

    lines: int
    staged: int
    duplicates: int
    preamble: int
    reasons: dict[str, int]


def _expected() -> dict[str, Expected]:
    table: dict[str, Expected] = {}
    for line in (FIXTURE / "README.md").read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match is None:
            continue
        reasons = {
            reason: int(count) for reason, count in re.findall(r"`([^`]+)` (\d+)", match["reasons"])
        }
        table[match["entity"]] = Expected(
            int(match["lines"]),
            int(match["staged"]),
            int(match["duplicates"]),
            int(match["preamble"]),
            reasons,
        )
    return table


EXPECTED = _expected()


@pytest.fixture(scope="module")
def fixture_warehouse(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The fixture built by dbt into a temporary DuckDB file (fails when any dbt test fails)."""
    work = tmp_path_factory.mktemp("staging_fixture")
    env = {
        **os.environ,
        "SCW_RAW_DIR": str(FIXTURE),
        "SCW_WAREHOUSE": str(work / "fixture.duckdb"),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    dbt = str(Path(sys.executable).parent / "dbt")
    result = subprocess.run(
        # cautious: leave out tests that also read unselected models (e.g. marts -> seeds)
        [
            dbt,
            "build",
            "--quiet",
            "--select",
            "staging",
            "resource_type:seed",
            "--indirect-selection",
            "cautious",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    con = duckdb.connect(str(work / "fixture.duckdb"), read_only=True)
    yield con
    con.close()


def test_readme_covers_every_raw_entity() -> None:
    assert set(EXPECTED) == {entity.key for entity in RAW_ENTITIES}


@pytest.mark.parametrize("entity", RAW_ENTITIES, ids=lambda e: e.key)
def test_readme_counts_the_fixture_lines(entity: RawEntity) -> None:
    files = entity.files(FIXTURE)
    assert files, f"no fixture file for {entity.key}"
    lines = sum(len(path.read_bytes().splitlines()) for path in files)
    expected = EXPECTED[entity.key]
    assert lines == expected.lines
    assert lines == (
        expected.staged + expected.duplicates + expected.preamble + sum(expected.reasons.values())
    )


@pytest.mark.parametrize("entity", RAW_ENTITIES, ids=lambda e: e.key)
def test_quarantine_reasons_match_the_readme(
    entity: RawEntity, fixture_warehouse: duckdb.DuckDBPyConnection
) -> None:
    found = dict(
        fixture_warehouse.sql(
            f"select reject_reason, count(*) from staging.stg_{entity.source}__{entity.entity}"
            "_quarantine group by all"
        ).fetchall()
    )
    assert found == EXPECTED[entity.key].reasons


@pytest.mark.parametrize("entity", RAW_ENTITIES, ids=lambda e: e.key)
def test_staged_and_duplicate_lines_match_the_readme(
    entity: RawEntity, fixture_warehouse: duckdb.DuckDBPyConnection
) -> None:
    stg = f"staging.stg_{entity.source}__{entity.entity}"
    base = f"staging.base_{entity.source}__{entity.entity}"
    if entity.source == "trends":  # one staged row per term and day: count day lines
        staged_sql = f"select count(distinct source_file || interest_date::varchar) from {stg}"
    else:
        staged_sql = f"select count(*) from {stg}"
    data_lines = "line_kind = 'data'" if entity.source in CSV_LIKE else "true"
    duplicates_sql = (
        f"select count(*) from {base} where reject_reason is null and not is_staged "
        f"and {data_lines}"
    )
    staged = fixture_warehouse.sql(staged_sql).fetchone()
    duplicates = fixture_warehouse.sql(duplicates_sql).fetchone()
    assert staged is not None and duplicates is not None
    assert staged[0] == EXPECTED[entity.key].staged
    assert duplicates[0] == EXPECTED[entity.key].duplicates
