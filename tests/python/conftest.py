"""Shared fixtures: the test-scale build that `make test-dbt` makes (or this fixture makes)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_SCALE, TEST_SEED = "0.03", "7"


@dataclass(frozen=True)
class BuildPaths:
    """Raw data, truth and the DuckDB warehouse of the small-scale test build."""

    raw: Path
    truth: Path
    warehouse: Path


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


@pytest.fixture(scope="session")
def test_build() -> BuildPaths:
    """The test build: reuses `make test-dbt`'s output, or generates and builds it once."""
    raw = Path(os.environ.get("SCW_TEST_RAW", ROOT / "target/test/raw"))
    truth = Path(os.environ.get("SCW_TEST_TRUTH", ROOT / "target/test/truth"))
    warehouse = Path(os.environ.get("SCW_TEST_WAREHOUSE", ROOT / "target/test/warehouse.duckdb"))
    if not warehouse.exists():
        subprocess.run(
            [
                _bin("social-commerce"),
                "generate",
                "--scale",
                TEST_SCALE,
                "--seed",
                TEST_SEED,
                "--out",
                str(raw),
                "--truth",
                str(truth),
                "--if-changed",
                "--quiet",
            ],
            check=True,
            cwd=ROOT,
        )
        env = {
            **os.environ,
            "SCW_RAW_DIR": str(raw),
            "SCW_TRUTH_DIR": str(truth),
            "SCW_WAREHOUSE": str(warehouse),
        }
        subprocess.run([_bin("dbt"), "build", "--quiet"], check=True, cwd=ROOT, env=env)
    return BuildPaths(raw, truth, warehouse)


@pytest.fixture(scope="session")
def warehouse(test_build: BuildPaths) -> Iterator[duckdb.DuckDBPyConnection]:
    """Read-only connection to the test warehouse."""
    con = duckdb.connect(str(test_build.warehouse), read_only=True)
    yield con
    con.close()
