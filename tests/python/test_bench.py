"""The bench's measuring and reporting helpers (no timing is asserted: timings live in bench/)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from social_commerce.bench import (
    REPORT_FLOOR_PAGE,
    _copy_parse_state,
    bench_report_floor,
    judge_targets,
    project_disk,
    run_measured,
    summarize_run_results,
    write_markdown,
)


def _stage(scale: float, stage: str, seconds: float, peak: float, code: int = 0) -> dict:
    return {
        "scale": scale,
        "stage": stage,
        "seconds": seconds,
        "peak_memory_mb": peak,
        "exit_code": code,
    }


def test_peak_memory_counts_the_children(tmp_path: Path) -> None:
    # the parent stays small; its child holds ~300 MB for a second
    child = "b = bytearray(300 * 1024 * 1024); import time; time.sleep(1.5)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    log = tmp_path / "log.txt"
    seconds, peak_mb, code, stopped, cpu_seconds = run_measured(
        [sys.executable, "-c", parent], {}, log
    )
    assert code == 0 and stopped == ""
    assert seconds >= 1.5
    assert peak_mb >= 300
    assert cpu_seconds < seconds - 1  # it mostly slept


def test_cpu_seconds_count_the_grandchildren(tmp_path: Path) -> None:
    # the parent waits for a child that spins the CPU for a second and a half
    child = "import time; end = time.process_time() + 1.5\nwhile time.process_time() < end: pass"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    measured = run_measured([sys.executable, "-c", parent], {}, tmp_path / "l")
    assert measured.exit_code == 0
    assert measured.cpu_seconds >= 1.5


def test_exit_code_is_reported(tmp_path: Path) -> None:
    measured = run_measured([sys.executable, "-c", "raise SystemExit(3)"], {}, tmp_path / "l")
    assert measured.exit_code == 3


def test_a_stage_over_its_budget_is_stopped(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "import time; time.sleep(60)"]
    seconds, _, code, stopped, _ = run_measured(command, {}, tmp_path / "l", timeout=0.5)
    assert stopped == "time budget" and code != 0
    assert seconds < 30


def test_a_stage_over_the_memory_cap_is_stopped(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-c",
        "b = bytearray(400 * 1024 * 1024); import time; time.sleep(60)",
    ]
    seconds, peak_mb, code, stopped, _ = run_measured(
        command, {}, tmp_path / "l", memory_cap_mb=200
    )
    assert stopped == "memory cap" and code != 0
    assert peak_mb > 200 and seconds < 30


def test_run_results_summary(tmp_path: Path) -> None:
    results = [
        {"unique_id": "model.p.fast", "execution_time": 1.0, "status": "success"},
        {"unique_id": "model.p.slow", "execution_time": 9.0, "status": "success"},
        {"unique_id": "seed.p.seedy", "execution_time": 2.0, "status": "success"},
        {"unique_id": "test.p.not_null_x.abc", "execution_time": 0.5, "status": "pass"},
        {"unique_id": "unit_test.p.slow.checks_y", "execution_time": 3.0, "status": "pass"},
        {"unique_id": "test.p.unique_x.def", "execution_time": 0.2, "status": "fail"},
    ]
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps({"elapsed_time": 12.34, "results": results}))
    summary = summarize_run_results(path, top=2)
    assert summary["node_count"] == 6
    assert summary["elapsed_seconds"] == 12.3
    assert summary["nodes_by_kind"] == {"model": 2, "seed": 1, "test": 2, "unit_test": 1}
    assert summary["node_seconds_by_kind"]["model"] == 10.0
    assert summary["nodes_by_status"] == {"fail": 1, "pass": 2, "success": 3}
    assert [n["node"] for n in summary["slowest_models"]] == ["model.p.slow", "seed.p.seedy"]
    assert [n["node"] for n in summary["slowest_tests"]] == [
        "unit_test.p.slow.checks_y",
        "test.p.not_null_x.abc",
    ]
    assert summarize_run_results(tmp_path / "missing.json") == {}


def _per_scale() -> dict[str, dict]:
    return {
        "1": {
            "stages": [_stage(1, "generate", 40, 3000), _stage(1, "dbt build", 45, 9000)],
            "sizes_bytes": {"raw": 2e9, "truth": 1e8, "warehouse": 5e8},
        },
        "10": {
            "stages": [_stage(10, "generate", 100, 5000), _stage(10, "dbt build", 150, 7000)],
            "sizes_bytes": {"raw": 20e9, "truth": 1e9, "warehouse": 6e9},
        },
    }


def test_targets_are_judged_from_the_numbers() -> None:
    judged = {(t["scale"], t["target"].split()[0]): t for t in judge_targets(_per_scale())}
    # scale 1: 85 s < 90 s but 9,000 MB > 8 GB; scale 10: 250 s < 300 s and 7,000 MB
    assert judged[("1", "make")]["measured"] == 85 and judged[("1", "make")]["met"]
    assert judged[("1", "peak")]["measured"] == 9000 and not judged[("1", "peak")]["met"]
    assert judged[("10", "make")]["met"] and judged[("10", "peak")]["met"]
    failed = _per_scale()
    failed["10"]["stages"][1]["exit_code"] = 1
    make_10 = next(t for t in judge_targets(failed) if t["scale"] == "10")
    assert make_10["measured"] is None and not make_10["met"]
    failed["10"]["stages"][1].update(exit_code=-15, stopped="time budget")
    make_10 = next(t for t in judge_targets(failed) if t["scale"] == "10")
    assert make_10["measured"] == "over 250 (stopped)" and not make_10["met"]


def test_make_build_sums_every_stage_it_runs() -> None:
    """Raw check, freshness and the report site count; the second dbt build does not."""
    per_scale = {
        "1": {
            "stages": [
                _stage(1, "generate", 40, 3000),
                _stage(1, "check raw", 2, 100),
                _stage(1, "source freshness", 20, 500),
                _stage(1, "dbt build", 100, 2000),
                _stage(1, "dbt build (again, on the built warehouse)", 90, 2000),
                _stage(1, "report sources (Evidence)", 10, 400),
                _stage(1, "report build (Evidence)", 200, 3000),
            ]
        }
    }
    make = next(t for t in judge_targets(per_scale) if t["target"].startswith("make"))
    assert make["measured"] == 372 and not make["met"]
    assert make["target"] == (
        "make build (generate + check raw + source freshness + dbt build + report sources"
        " + report build) under 90 s"
    )
    # an older result without those stages names only what it summed
    older = next(t for t in judge_targets(_per_scale()) if t["scale"] == "1")
    assert older["target"] == "make build (generate + dbt build) under 90 s"
    # a failed freshness check fails the target even though dbt build ran
    per_scale["1"]["stages"][2]["exit_code"] = 1
    make = next(t for t in judge_targets(per_scale) if t["target"].startswith("make"))
    assert make["measured"] is None and not make["met"]


def test_disk_projection_from_the_largest_scale() -> None:
    # scale 10 used 27 GB: 2.7 GB per unit of scale, 135 GB at 50, 270 GB at 100
    projected = {p["scale"]: p for p in project_disk(_per_scale(), free_bytes=int(150e9))}
    assert projected["50"]["needed_gb"] == 135.0 and projected["50"]["fits"]
    assert projected["100"]["needed_gb"] == 270.0 and not projected["100"]["fits"]
    assert project_disk({}, 1) == []


def test_markdown_states_what_is_met(tmp_path: Path) -> None:
    per_scale = _per_scale()
    results = {
        "machine": {"cpus": 2, "cpu_model": "x", "memory_gb": 1},
        "scales": per_scale,
        "targets": judge_targets(per_scale),
        "disk_projection": project_disk(per_scale, free_bytes=int(50e9)),
    }
    path = tmp_path / "README.md"
    write_markdown(path, results)
    text = path.read_text()
    assert "| 1 | peak memory of every stage under 8192 MB | 9000 | **no** |" in text
    # a stage from before CPU seconds were measured shows "-" in their column
    assert "| 1 | generate | 40 | - | 3000 | 0 |" in text
    per_scale["1"]["stages"][0]["cpu_seconds"] = 52.5
    write_markdown(path, {**results, "scales": per_scale})
    assert "| 1 | generate | 40 | 52.5 | 3000 | 0 |" in path.read_text()
    assert "Scale 50 does not fit on this disk" in text


def test_a_stage_stopped_at_the_memory_cap_fails_its_targets() -> None:
    per_scale = {
        "10": {"stages": [{**_stage(10, "generate", 371, 14345, -15), "stopped": "memory cap"}]}
    }
    judged = {t["target"].split()[0]: t for t in judge_targets(per_scale)}
    assert judged["make"]["measured"] == "not measured (generation stopped: memory cap)"
    assert judged["peak"]["measured"] == "over 14345 (stopped at the cap)"
    assert not judged["make"]["met"] and not judged["peak"]["met"]


def test_the_rebuild_gets_the_first_builds_parse_state(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _copy_parse_state(first, second)  # nothing saved yet: nothing to copy
    assert not second.exists()
    first.mkdir()
    (first / "partial_parse.msgpack").write_bytes(b"saved parse")
    _copy_parse_state(first, second)
    assert (second / "partial_parse.msgpack").read_bytes() == b"saved parse"


def test_make_build_targets_are_set_against_the_report_floor(tmp_path: Path) -> None:
    """A target below the measured floor of the report build is marked so, and said so."""
    floor = {"seconds": 119.2, "cpu_seconds": 148.5, "peak_memory_mb": 3033, "exit_code": 0}
    judged = judge_targets(_per_scale(), floor)
    make = {t["scale"]: t for t in judged if t["target"].startswith("make")}
    # 90 s (scale 1) is below 119.2 s; 300 s (scale 10) is above it
    assert make["1"]["above_report_floor"] is False
    assert make["10"]["above_report_floor"] is True
    assert all("above_report_floor" not in t for t in judged if t["target"].startswith("peak"))
    # a floor that failed to build says nothing, nor does a bench without one
    for no_floor in ({**floor, "exit_code": 1}, None):
        assert all("above_report_floor" not in t for t in judge_targets(_per_scale(), no_floor))
    path = tmp_path / "README.md"
    results = {"machine": {}, "scales": _per_scale(), "targets": judged, "report_floor": floor}
    write_markdown(path, results)
    text = path.read_text()
    assert "with this project's packages and configuration, in 119.2 s (148.5 s CPU" in text
    assert "The `make build` target of scale 1 is below this floor alone" in text
    write_markdown(path, {**results, "targets": judge_targets(_per_scale()), "report_floor": {}})
    assert "Floor of the report build" not in path.read_text()


def _fake_reports(root: Path, build_script: str) -> None:
    reports = root / "reports"
    (reports / "node_modules").mkdir(parents=True)
    (reports / "node_modules" / "marker").write_text("the project's packages")
    (reports / "pages").mkdir()
    (reports / "pages" / "big.md").write_text("# A page of the real site\n")
    (reports / "evidence.config.yaml").write_text("plugins: {}\n")
    package = {"name": "fake", "private": True, "scripts": {"build": build_script}}
    (reports / "package.json").write_text(json.dumps(package))


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_the_report_floor_builds_one_page_with_the_projects_packages(tmp_path: Path) -> None:
    # the fake build copies what it sees: the pages and the packages of the site it runs in
    _fake_reports(
        tmp_path,
        "ls pages > seen && cat pages/index.md node_modules/marker evidence.config.yaml >> seen"
        " && cp seen ../seen",
    )
    work = tmp_path / "work"
    work.mkdir()
    floor = bench_report_floor(tmp_path, work)
    assert floor is not None and floor["exit_code"] == 0
    assert set(floor) == {"seconds", "cpu_seconds", "peak_memory_mb", "exit_code"}
    seen = (work / "seen").read_text()
    assert seen == "index.md\n" + REPORT_FLOOR_PAGE + "the project's packages" + "plugins: {}\n"
    # the scratch site is gone; the project's packages are untouched
    assert not (work / "report-floor").exists()
    assert (tmp_path / "reports" / "node_modules" / "marker").is_file()
    # a failing build is reported by its exit code
    shutil.rmtree(tmp_path / "reports")
    _fake_reports(tmp_path, "exit 3")
    floor = bench_report_floor(tmp_path, work)
    assert floor is not None and floor["exit_code"] == 3
    # no Evidence project: no floor
    shutil.rmtree(tmp_path / "reports" / "node_modules")
    assert bench_report_floor(tmp_path, work) is None
