"""Incremental builds equal a full refresh, and an incremental run without new data changes nothing.

From the test-scale raw, raw folders are derived "as of" successive days: GA4 day files appear
day by day (the file of the as-of day only partly, re-exported whole the next day: late events
within the lookback), and the single-file sources of the incremental models are cut by their
`pulled_at` (one TikTok comment is held back one more day: a late-arriving record). The other
sources are given whole in every batch: their models are rebuilt in full on every run anyway.
A first build, then an incremental `dbt run` per batch, must leave every mart, and the staging
and quarantine of the incremental entities, identical to a `--full-refresh` over the final raw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from .conftest import ROOT, BuildPaths
from .frame_compare import rows_differ

#: Base models of the incremental entities: they and everything downstream are run per batch.
INCREMENTAL_BASES = [
    "base_ga4__events",
    "base_tiktok__comments",
    "base_tiktok__videos",
    "base_instagram__media",
    "base_reddit__comments",
]
#: The incremental models downstream of those base models (the GA4 staging views with them).
INCREMENTAL_MODELS = [
    "stg_ga4__events",
    "stg_ga4__events_quarantine",
    "stg_ga4__event_items",
    "int_ga4_events_sessionized",
    "stg_tiktok__comments",
    "stg_tiktok__videos",
    "stg_instagram__media",
    "stg_reddit__comments",
]
#: Staging, quarantine and sessions of those entities, compared as well as the marts.
INCREMENTAL_TABLES = [
    "staging.base_ga4__events",
    "staging.stg_tiktok__comments",
    "staging.stg_tiktok__comments_quarantine",
    "staging.stg_tiktok__videos",
    "staging.stg_tiktok__videos_quarantine",
    "staging.stg_instagram__media",
    "staging.stg_instagram__media_quarantine",
    "staging.stg_reddit__comments",
    "staging.stg_reddit__comments_quarantine",
    "intermediate.int_ga4_events_sessionized",
]
#: Marts left out of the runs after the first: they cross-validate the text models on the labelled
#: seeds (a minute each on a loaded machine), and their inputs from the incremental models
#: (fct_comment_intent, fct_text_sentiment) are compared; ml_model_metrics only stacks them.
EXCLUDED = ["intent_model_metrics+", "sentiment_model_metrics+"]
#: Single-file sources of the incremental models, cut by the time each line was pulled.
PULLED_FILES = [
    "tiktok/comments.jsonl",
    "tiktok/videos.jsonl",
    "instagram/media.jsonl",
    "reddit/comments.jsonl",
]
HELD_BACK_FILE = "tiktok/comments.jsonl"
#: Columns that record when a model ran, not what it computed.
RUN_TIME_COLUMNS = {"computed_at"}
#: Marts about the build itself: each source's age at build time differs between any two builds.
BUILD_DESCRIBING_MARTS = {"data_quality_freshness"}
#: Share of the as-of day's GA4 events in its first (partial) export.
PARTIAL_EXPORT_SHARE = 0.6
INCREMENTAL_BATCHES = 3
_PULLED_AT = re.compile(r'"pulled_at"\s*:\s*"([^"]+)"')


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _pulled_at(line: str) -> datetime | None:
    """The line's `pulled_at` (UTC), or None when it has none that parses (a damaged line)."""
    match = _PULLED_AT.search(line)
    if match is None:
        return None
    try:
        stamp = datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Batch:
    """One raw folder state: GA4 up to ``as_of`` (that day partly), pulls before its end."""

    as_of: date | None  # None: the complete raw


class RawTimeline:
    """Writes the raw folder as it was at the end of successive days."""

    def __init__(self, source: Path, target: Path, batches: list[Batch]) -> None:
        self.source = source
        self.target = target
        shutil.copytree(source, target)
        self.ga4_files = sorted((source / "ga4").glob("events_*.jsonl"))
        self.lines = {
            name: (source / name).read_text(encoding="utf-8").splitlines(keepends=True)
            for name in PULLED_FILES
        }
        self.held_back = self._pick_held_back(batches[0].as_of)

    def _pick_held_back(self, first_day: date | None) -> str:
        """A valid comment pulled on the first build's day about a video days older: it only
        arrives with the next batch, still within the lookback of its pull time."""
        assert first_day is not None
        candidates = []
        for line in self.lines[HELD_BACK_FILE]:
            pulled = _pulled_at(line)
            if pulled is None or pulled.date() != first_day:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            created = datetime.fromtimestamp(int(record["create_time"]), UTC)
            if (pulled - created).days >= 2:
                candidates.append((created, line))
        assert candidates, "no comment to hold back"
        return min(candidates)[1]

    def write(self, batch: Batch, index: int) -> None:
        """Make the raw folder the state of ``batch`` (``index`` 0 is the first build)."""
        ga4 = self.target / "ga4"
        for path in ga4.glob("events_*.jsonl"):
            path.unlink()
        for path in self.ga4_files:
            day = datetime.strptime(path.stem.removeprefix("events_"), "%Y%m%d").date()
            if batch.as_of is None or day < batch.as_of:
                shutil.copyfile(path, ga4 / path.name)
            elif day == batch.as_of:
                lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
                partial = lines[: int(len(lines) * PARTIAL_EXPORT_SHARE)]
                (ga4 / path.name).write_text("".join(partial), encoding="utf-8")
        for name, lines in self.lines.items():
            kept = lines
            if batch.as_of is not None:
                end = datetime.combine(batch.as_of + timedelta(days=1), datetime.min.time(), UTC)
                # a line without a readable pull time is damaged: it is there from the start
                kept = [line for line in lines if (_pulled_at(line) or end) <= end]
            if name == HELD_BACK_FILE and index == 0:
                kept = [line for line in kept if line != self.held_back]
            (self.target / name).write_text("".join(kept), encoding="utf-8")


@dataclass(frozen=True)
class Builds:
    """Copies of the warehouse: incremental, after a run without new data, full refresh."""

    incremental: Path
    after_noop: Path
    full: Path
    held_back_line: str
    seconds: float


def _copy_warehouse(source: Path, folder: Path) -> Path:
    """Copy ``source`` (a closed DuckDB file) into ``folder`` and return the copy."""
    folder.mkdir(parents=True)
    shutil.copyfile(source, folder / "warehouse.duckdb")
    return folder / "warehouse.duckdb"


@pytest.fixture(scope="module")
def builds(test_build: BuildPaths, tmp_path_factory: pytest.TempPathFactory) -> Builds:
    started = datetime.now(UTC)
    tmp = tmp_path_factory.mktemp("incremental")
    last_day = max(
        datetime.strptime(path.stem.removeprefix("events_"), "%Y%m%d").date()
        for path in (test_build.raw / "ga4").glob("events_*.jsonl")
    )
    first = last_day - timedelta(days=INCREMENTAL_BATCHES)
    batches = [Batch(first + timedelta(days=day)) for day in range(INCREMENTAL_BATCHES)]
    batches.append(Batch(None))  # the final batch: everything
    raw = tmp / "raw"
    timeline = RawTimeline(test_build.raw, raw, batches)
    # One warehouse file and one target folder for every run (dbt parses the project once).
    warehouse = tmp / "build" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    env = {
        **os.environ,
        "SCW_RAW_DIR": str(raw),
        "SCW_TRUTH_DIR": str(test_build.truth),
        "SCW_WAREHOUSE": str(warehouse),
    }

    def dbt(*args: str) -> None:
        command = [_bin("dbt"), *args, "--quiet", "--target-path", str(tmp / "target")]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"dbt {' '.join(args)}:\n{result.stdout}\n{result.stderr}"

    downstream = [f"{model}+" for model in INCREMENTAL_BASES]
    models = [*INCREMENTAL_BASES, *INCREMENTAL_MODELS]
    # The first build: everything, the incremental models as of the first day. Downstream models
    # are tables rebuilt in full from the incremental ones on every run, so between the first
    # and the last batch only the incremental models (and their base models) need to run.
    timeline.write(batches[0], 0)
    dbt("seed")
    dbt("run", "--exclude", *downstream)
    dbt("run", "--select", *models)
    for index, batch in enumerate(batches[1:-1], start=1):
        timeline.write(batch, index)
        dbt("run", "--select", *models)
    timeline.write(batches[-1], len(batches) - 1)
    dbt("run", "--select", *downstream, "--exclude", *EXCLUDED)
    # the reconciliation tests (raw lines = staged + quarantined + duplicates) on the result
    dbt("test", "--select", "test_name:reconciles_with_source")
    incremental = _copy_warehouse(warehouse, tmp / "incremental")
    dbt("run", "--select", *downstream, "--exclude", *EXCLUDED)
    after_noop = _copy_warehouse(warehouse, tmp / "after_noop")
    # full refresh over the final raw (models outside the selection read raw that never changed)
    dbt("run", "--full-refresh", "--select", *downstream, "--exclude", *EXCLUDED)
    seconds = (datetime.now(UTC) - started).total_seconds()
    print(f"incremental test builds: {seconds:.0f} s")
    return Builds(incremental, after_noop, warehouse, timeline.held_back, seconds)


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    """Every mart of ``catalog``, then the incremental staging and intermediate tables."""
    marts = con.sql(
        f"""
        select 'marts.' || table_name from information_schema.tables
        where table_catalog = '{catalog}' and table_schema = 'marts' and table_type = 'BASE TABLE'
        order by table_name
        """
    ).fetchall()
    kept = [row[0] for row in marts if row[0].removeprefix("marts.") not in BUILD_DESCRIBING_MARTS]
    return kept + INCREMENTAL_TABLES


def _rows(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> pl.DataFrame:
    """``table``'s rows, run-time columns left out."""
    frame = con.sql(f"from {catalog}.{table}").pl()
    return frame.drop(RUN_TIME_COLUMNS & set(frame.columns))


def _differences(con: duckdb.DuckDBPyConnection, left: str, right: str) -> dict[str, str]:
    """Per table whose rows differ (as multisets, floats within a relative 1e-9): what differs."""
    tables = _tables(con, left)
    assert len(tables) > 30 and tables == _tables(con, right)
    differing: dict[str, str] = {}
    for table in tables:
        difference = rows_differ(_rows(con, left, table), _rows(con, right, table))
        if difference is not None:
            differing[table] = difference
    return differing


@pytest.fixture(scope="module")
def compared(builds: Builds) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    con.execute(f"attach '{builds.incremental}' as incr (read_only)")
    con.execute(f"attach '{builds.after_noop}' as after_noop (read_only)")
    con.execute(f"attach '{builds.full}' as full_refresh (read_only)")
    yield con
    con.close()


def test_incremental_runs_equal_a_full_refresh(compared: duckdb.DuckDBPyConnection) -> None:
    assert _differences(compared, "incr", "full_refresh") == {}


def test_the_batches_carried_late_records(
    builds: Builds, test_build: BuildPaths, compared: duckdb.DuckDBPyConnection
) -> None:
    # the comment that arrived a batch late is staged
    held_back_id = json.loads(builds.held_back_line)["id"]
    staged = compared.execute(
        "select count(*) from incr.staging.stg_tiktok__comments where comment_id = ?",
        [held_back_id],
    ).fetchone()[0]
    assert staged == 1
    # every GA4 day file first loaded partly was re-read whole when it was re-exported
    for name, lines in compared.sql(
        """
        select source_file_name, count(*) from incr.staging.base_ga4__events
        group by all order by source_file_name desc
        """
    ).fetchall()[: INCREMENTAL_BATCHES + 1]:
        with (test_build.raw / "ga4" / name).open("rb") as handle:
            assert lines == sum(1 for _ in handle), name


def test_an_incremental_run_without_new_data_changes_no_mart(
    builds: Builds, compared: duckdb.DuckDBPyConnection
) -> None:
    assert _differences(compared, "incr", "after_noop") == {}
    print(f"incremental test builds took {builds.seconds:.0f} s")
