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

import polars as pl


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
    attribution: dict[str, list[dict[str, object]]] = {}
    for scale in scales:
        raw, truth = work / f"raw-{scale:g}", work / f"truth-{scale:g}"
        warehouse = work / f"warehouse-{scale:g}.duckdb"
        env = {
            **os.environ,
            "SCW_RAW_DIR": str(raw),
            "SCW_TRUTH_DIR": str(truth),
            "SCW_WAREHOUSE": str(warehouse),
        }
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
        if code == 0 and warehouse.exists():
            # attribution engines side by side on the paths this scale's build aggregated
            attribution[f"{scale:g}"] = bench_attribution(_warehouse_path_summary(warehouse))
            for entry in attribution[f"{scale:g}"]:
                print(f"scale {scale:g} attribution {entry['engine']} {entry['model']}: ", end="")
                print(f"{entry['seconds']} s {entry['note']}".rstrip())
        shutil.rmtree(raw, ignore_errors=True)
        warehouse.unlink(missing_ok=True)
    from social_commerce.text import bench_text_scoring

    # text scoring throughput on one core (texts from the labelled seeds; models trained first)
    text_scoring = bench_text_scoring()
    print(
        f"text scoring: {text_scoring['score_intent_per_second']:,} comments/s (intent), "
        f"{text_scoring['score_sentiment_per_second']:,} texts/s (sentiment) on one core"
    )
    results: dict[str, object] = {
        "machine": machine_description(),
        "stages": [asdict(stage) for stage in stages],
        "slowest_models": slowest,
        "attribution": attribution,
        "text_scoring": text_scoring,
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
    attribution = results.get("attribution") or {}
    assert isinstance(attribution, dict)
    if attribution:
        lines += [
            "",
            "Attribution on each scale's `conversion_path_summary` (wall seconds, same paths for "
            "every engine):",
            "",
            "| scale | distinct paths | engine | model | seconds | note |",
            "|---:|---:|---|---|---:|---|",
        ]
        for scale, entries in attribution.items():
            for e in entries:
                seconds = "skipped" if e["seconds"] is None else e["seconds"]
                lines.append(
                    f"| {scale} | {e['distinct_paths']} | {e['engine']} | {e['model']} "
                    f"| {seconds} | {e['note']} |"
                )
    text_scoring = results.get("text_scoring") or {}
    assert isinstance(text_scoring, dict)
    if text_scoring:
        lines += [
            "",
            f"Text scoring on one core ({text_scoring['n_texts']:,} texts of "
            f"{text_scoring['mean_chars']} characters on average, texts per second):",
            "",
            "| what | per wall second | per CPU second |",
            "|---|---:|---:|",
        ]
        for label, key in [
            ("score_intent (featurize + calibrated model)", "score_intent"),
            ("score_sentiment (lexicon + model)", "score_sentiment"),
            (
                "sklearn HashingVectorizer char_wb 2-5 (featurize only)",
                "sklearn_hashing_char_wb_featurize_only",
            ),
        ]:
            lines.append(
                f"| {label} | {text_scoring[key + '_per_second']:,} "
                f"| {text_scoring[key + '_per_cpu_second']:,} |"
            )
    path.write_text("\n".join(lines) + "\n")


def _warehouse_path_summary(warehouse: Path) -> pl.DataFrame:
    """The path summary mart of a built warehouse (read-only)."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(
            "select path, total_conversions, total_conversion_value, total_null "
            "from marts.conversion_path_summary"
        ).pl()
    finally:
        con.close()


def random_path_summary(
    distinct_paths: int, channels: int = 11, seed: int = 42, max_length: int = 12
) -> pl.DataFrame:
    """A random path summary (``path, total_conversions, total_conversion_value, total_null``).

    Paths are drawn with numpy (lengths 1..``max_length``, skewed to short ones), deduplicated
    and cut to at most ``distinct_paths`` rows. For timing attribution only.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    drawn = 3 * distinct_paths
    lengths = np.minimum(rng.geometric(0.15, size=drawn), max_length)
    popularity = rng.dirichlet(np.ones(channels))
    codes = rng.choice(channels, size=int(lengths.sum()), p=popularity)
    names = np.array([f"channel_{i:02d}" for i in range(channels)])
    flat = pl.Series("channel", names[codes])
    path_id = np.repeat(np.arange(drawn), lengths)
    paths = (
        pl.DataFrame({"path_id": path_id, "channel": flat})
        .group_by("path_id", maintain_order=True)
        .agg(pl.col("channel").str.join(" > ").alias("path"))
        .unique("path", maintain_order=True)
        .head(distinct_paths)
    )
    n = paths.height
    conversions = rng.poisson(1.0, size=n)
    nulls = rng.poisson(6.0, size=n) + (conversions == 0)
    return paths.select("path").with_columns(
        pl.Series("total_conversions", conversions, dtype=pl.Float64),
        pl.Series("total_conversion_value", conversions * rng.gamma(2.0, 40.0, size=n)),
        pl.Series("total_null", nulls, dtype=pl.Float64),
    )


def bench_attribution(paths: pl.DataFrame) -> list[dict[str, object]]:
    """Time :func:`attribute_paths` (Markov orders 1-3, Shapley) and installed peer packages.

    Every entry has ``engine``, ``model``, ``seconds`` (wall time, ``None`` when skipped),
    ``distinct_paths`` and ``note``. Peers (marketing-attribution-models' exact first-order
    Markov, ChannelAttribution's simulated Markov) are skipped with a note when not installed.
    """
    from social_commerce.attribution import attribute_paths, normalize_paths

    distinct = normalize_paths(paths).height
    results: list[dict[str, object]] = []

    def record(engine: str, model: str, seconds: float | None, note: str = "") -> None:
        results.append(
            {
                "engine": engine,
                "model": model,
                "seconds": None if seconds is None else round(seconds, 3),
                "distinct_paths": distinct,
                "note": note,
            }
        )

    for model, order in [("markov", 1), ("markov", 2), ("markov", 3), ("shapley", 1)]:
        start = time.perf_counter()
        attribute_paths(paths, [model], order=order)
        name = f"markov_order_{order}" if model == "markov" else model
        record("social_commerce", name, time.perf_counter() - start)

    try:
        from mam.core import MAM
    except ImportError:
        record("marketing-attribution-models", "markov_order_1", None, "not installed")
    else:
        journeys = pl.concat(
            [
                paths.select(
                    pl.col("path")
                    .str.split(">")
                    .list.eval(pl.element().str.strip_chars())
                    .list.join(" > ")
                    .alias("journey"),
                    pl.lit(flag).alias("conversion"),
                    pl.col(column).cast(pl.Int64).alias("occurrences"),
                )
                for flag, column in [(True, "total_conversions"), (False, "total_null")]
            ]
        ).filter(pl.col("occurrences") > 0)
        start = time.perf_counter()
        MAM(
            journeys,
            format_type="grouped_journey",
            channels_colname="journey",
            journey_with_conv_colname="conversion",
            occurrences_colname="occurrences",
        ).run_markov()
        record("marketing-attribution-models", "markov_order_1", time.perf_counter() - start)

    try:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            import ChannelAttribution
    except ImportError:
        record("ChannelAttribution", "markov_order_1", None, "not installed")
    else:
        frame = paths.to_pandas()
        for order in (1, 2, 3):
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                ChannelAttribution.markov_model(
                    frame,
                    "path",
                    "total_conversions",
                    var_value="total_conversion_value",
                    var_null="total_null",
                    order=order,
                    verbose=False,
                    flg_pro=False,
                )
            record(
                "ChannelAttribution",
                f"markov_order_{order}",
                time.perf_counter() - start,
                "simulated (default nsim_start=1e5)",
            )
    return results
