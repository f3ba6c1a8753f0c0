"""Source freshness: a stale extract warns, a missing one fails with a message naming it.

Freshness is when an export last landed (the newest modification time of its files, macro
raw_files_loaded_at) against the time `dbt source freshness` runs (README, Reliability). The test
runs it on a fresh copy of the hand-made fixture where one extract is made old and one is removed,
in one dbt invocation: every other source passes, so a fresh drop is not a wall of warnings.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from social_commerce.cli import main
from social_commerce.contract import RAW_ENTITIES

from .conftest import ROOT

FIXTURE = ROOT / "tests/fixtures/raw_small"
STALE, MISSING = "reviews/reviews.jsonl", "x/tweets.jsonl"


@pytest.fixture(scope="module")
def freshness(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("freshness")
    raw = folder / "raw"
    shutil.copytree(FIXTURE, raw)  # copied files are new: landed now
    month_ago = time.time() - 30 * 86_400
    os.utime(raw / STALE, (month_ago, month_ago))
    (raw / MISSING).unlink()
    env = {
        **os.environ,
        "SCW_RAW_DIR": str(raw),
        "SCW_WAREHOUSE": str(folder / "freshness.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "source",
            "freshness",
            "--target-path",
            str(folder / "target"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return folder, result


def test_stale_source_warns_missing_source_fails_others_pass(
    freshness: tuple[Path, subprocess.CompletedProcess],
) -> None:
    folder, result = freshness
    assert result.returncode == 1, result.stdout[-2000:]  # an error, not a crash
    results = json.loads((folder / "target/sources.json").read_text())["results"]
    status = {item["unique_id"].removeprefix("source.social_commerce."): item for item in results}
    assert status.pop("reviews.reviews")["status"] == "warn"
    # dbt leaves a source whose query failed out of sources.json, or marks it as an error
    tweets = status.pop("x.tweets", None)
    assert tweets is None or "error" in tweets["status"]
    assert "ERROR freshness of x.tweets" in result.stdout
    assert {item["status"] for item in status.values()} == {"pass"}
    assert len(status) == len(RAW_ENTITIES) - 2  # every raw entity has freshness configured


def test_missing_source_message_names_the_file(
    freshness: tuple[Path, subprocess.CompletedProcess],
) -> None:
    folder, result = freshness
    expected = f"{folder / 'raw' / MISSING} is missing: run `make build` to regenerate"
    assert expected in result.stdout


def test_check_raw_stops_on_the_missing_source_in_one_line(
    freshness: tuple[Path, subprocess.CompletedProcess], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = freshness
    assert main(["check-raw", "--raw", str(folder / "raw")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"{MISSING} is missing: run `make build`" in err[0]
