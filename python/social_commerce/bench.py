"""``social-commerce bench``: wall time and peak memory of each build stage at several scales.

Each stage runs as its own process (the generator, then ``dbt build`` into a scratch DuckDB
file), measured with ``os.wait4`` (peak resident memory of that process). Results go to a JSON
file and a Markdown table beside it. Timings are never asserted in tests: they belong here.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class StageResult:
    """One measured stage."""

    scale: float
    stage: str
    seconds: float
    peak_memory_mb: float
    exit_code: int


def _run(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float, int]:
    """Run ``command``; return (seconds, peak RSS in MB, exit code). Output goes to ``log``."""
    start = time.perf_counter()
    with log.open("w") as handle:
        process = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    # ru_maxrss is in kilobytes on Linux.
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def machine_description() -> dict[str, object]:
    """What the numbers were measured on."""
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()[0].split()
        memory_gb = round(int(meminfo[1]) / 1024 / 1024, 1)
    except (OSError, IndexError, ValueError):
        memory_gb = None
    return {
        "cpus": os.cpu_count(),
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "processor": platform.processor() or platform.machine(),
    }


def _slowest_models(run_results: Path, top: int = 5) -> list[dict[str, object]]:
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError):
        return []
    timed = sorted(results, key=lambda r: r.get("execution_time", 0.0), reverse=True)
    return [
        {"node": r["unique_id"], "seconds": round(r.get("execution_time", 0.0), 2)}
        for r in timed[:top]
    ]


def run_bench(scales: list[float], output: Path, seed: int = 42) -> dict[str, object]:
    """Measure generation and ``dbt build`` at each scale; write JSON and Markdown results."""
    work = output.parent / "tmp"
    work.mkdir(parents=True, exist_ok=True)
    bindir = Path(sys.executable).parent
    stages: list[StageResult] = []
    slowest: dict[str, list[dict[str, object]]] = {}
    for scale in scales:
        raw, truth = work / f"raw-{scale:g}", work / f"truth-{scale:g}"
        warehouse = work / f"warehouse-{scale:g}.duckdb"
        env = {**os.environ, "SCW_RAW_DIR": str(raw), "SCW_WAREHOUSE": str(warehouse)}
        warehouse.unlink(missing_ok=True)
        commands = {
            "generate": [
                str(bindir / "social-commerce"),
                "generate",
                "--scale",
                f"{scale:g}",
                "--seed",
                str(seed),
                "--out",
                str(raw),
                "--truth",
                str(truth),
                "--quiet",
            ],
            "dbt build": [
                str(bindir / "dbt"),
                "build",
                "--target-path",
                str(work / f"dbt-target-{scale:g}"),
            ],
        }
        for stage, command in commands.items():
            seconds, peak, code = _run(
                command, env, work / f"{stage.replace(' ', '_')}-{scale:g}.log"
            )
            stages.append(StageResult(scale, stage, round(seconds, 1), round(peak), code))
            print(f"scale {scale:g} {stage}: {seconds:.1f} s, peak {peak:.0f} MB, exit {code}")
            if code != 0:
                break
        slowest[f"{scale:g}"] = _slowest_models(work / f"dbt-target-{scale:g}" / "run_results.json")
        shutil.rmtree(raw, ignore_errors=True)
        warehouse.unlink(missing_ok=True)
    results: dict[str, object] = {
        "machine": machine_description(),
        "stages": [asdict(stage) for stage in stages],
        "slowest_models": slowest,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    _write_markdown(output.with_name("README.md"), results, stages)
    return results


def _write_markdown(path: Path, results: dict[str, object], stages: list[StageResult]) -> None:
    machine = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`social-commerce bench`); do not edit by hand.",
        "",
        f"Machine: {json.dumps(machine)}",
        "",
        "| scale | stage | seconds | peak memory (MB) | exit |",
        "|---:|---|---:|---:|---:|",
        *[
            f"| {s.scale:g} | {s.stage} | {s.seconds} | {s.peak_memory_mb:.0f} | {s.exit_code} |"
            for s in stages
        ],
        "",
        "Slowest dbt nodes per scale:",
        "",
    ]
    slowest = results["slowest_models"]
    assert isinstance(slowest, dict)
    for scale, nodes in slowest.items():
        listed = ", ".join(f"`{n['node']}` {n['seconds']} s" for n in nodes)
        lines.append(f"- scale {scale}: {listed}")
    path.write_text("\n".join(lines) + "\n")
