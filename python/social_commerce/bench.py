"""``social-commerce bench``: wall time and peak memory of each build stage at several scales.

Per scale, each stage runs as its own process tree, as ``make build`` runs them: the generator,
``social-commerce check-raw``, ``dbt source freshness`` and ``dbt build`` into a scratch DuckDB
file, optionally a second ``dbt build`` on the built warehouse (what a rebuild costs), and the
Evidence report sources and build (when ``reports/`` is an installed Evidence project). Peak memory
is that of the whole process tree: the sum of the resident memory of the stage's process and all its
descendants, sampled a few times a second (and never below the largest single process's
``ru_maxrss``). dbt's ``run_results.json`` gives the slowest models and tests and node counts.
Results go to a JSON file (scales not run this time are kept from the previous file) and a Markdown
report beside it, with the targets of issue 8 judged from the measured numbers and whether larger
scales fit on this disk, projected from the measured sizes. Once per run it also measures the
report site's floor: Evidence's build of a site of one page with no queries, with this project's
packages and configuration, the part of the report build that no change to the pages or the data
removes; a ``make build`` target below it cannot be met with Evidence on this machine. Timings are
never asserted in tests: they belong here.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

import polars as pl

#: Targets of issue 8 on the reference machine: seconds of `make build` after set-up per scale,
#: and peak memory of any stage.
TARGET_BUILD_SECONDS: dict[float, float] = {1: 90.0, 10: 300.0}
#: The bench's stages that make up `make build` after set-up (`data`, `warehouse`, `reports`),
#: each with the short name the target's label gives it.
MAKE_BUILD_STAGES: dict[str, str] = {
    "generate": "generate",
    "check raw": "check raw",
    "source freshness": "source freshness",
    "dbt build": "dbt build",
    "report sources (Evidence)": "report sources",
    "report build (Evidence)": "report build",
}
TARGET_PEAK_MEMORY_MB = 8 * 1024
#: Scales whose disk needs are projected from the largest measured scale.
PROJECTED_SCALES = (50, 100)
#: The one page of the report floor's site (see :func:`bench_report_floor`).
REPORT_FLOOR_PAGE = (
    "# Floor\n\nOne page with no queries: what Evidence's build costs, whatever the data.\n"
)
#: How often the process tree's memory is sampled.
_SAMPLE_SECONDS = 0.2
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class StageResult:
    """One measured stage."""

    scale: float
    stage: str
    seconds: float
    peak_memory_mb: float
    exit_code: int
    #: "" when the stage ran to its end, else why the bench stopped it ("time budget", "memory cap")
    stopped: str = ""
    #: user + system CPU seconds of the stage's process tree (None in results from before it)
    cpu_seconds: float | None = None


class Measured(NamedTuple):
    """What :func:`run_measured` measured of one command."""

    seconds: float
    peak_mb: float
    exit_code: int
    stopped: str
    cpu_seconds: float


def _children_map() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc (empty where /proc is missing)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return children
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # the command name (2nd field) is in parentheses and may hold spaces
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def tree_rss_mb(pid: int) -> float:
    """Resident memory (MB) of process ``pid`` and all its descendants, now."""
    children = _children_map()
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            resident_pages = int(Path(f"/proc/{current}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += resident_pages * _PAGE_BYTES
        stack.extend(children.get(current, []))
    return total / 1024 / 1024


def run_measured(
    command: list[str],
    env: dict[str, str],
    log: Path,
    cwd: Path | None = None,
    timeout: float | None = None,
    memory_cap_mb: float | None = None,
) -> Measured:
    """Run ``command``; return its wall seconds, peak MB of its process tree, exit code, stopped
    and CPU seconds.

    Output goes to ``log``. CPU seconds are user plus system time of the process and of every
    descendant it waited for (the kernel's account at ``wait4``): they change much less than wall
    time when other jobs share the machine. The peak is the largest sampled sum of resident
    memory over the process and its descendants, and at least the largest single process's
    ``ru_maxrss``. After ``timeout`` seconds, or once the tree holds more than ``memory_cap_mb``
    (a guard for a shared machine), the whole process group is terminated (then killed 10 s
    later) and ``stopped`` says why ("time budget", "memory cap"; "" when the command ran to its
    end).
    """
    peak = [0.0]
    stopped = [""]
    start = time.perf_counter()
    with log.open("w") as handle:
        process = subprocess.Popen(
            command,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            start_new_session=True,
        )
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss_mb(process.pid))
                if timeout is not None and time.perf_counter() - start > timeout:
                    stopped[0] = "time budget"
                elif memory_cap_mb is not None and peak[0] > memory_cap_mb:
                    stopped[0] = "memory cap"
                if stopped[0]:
                    _stop_group(process.pid, done)
                    return
                done.wait(_SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
    seconds = time.perf_counter() - start
    # ru_maxrss is in kilobytes on Linux.
    peak_mb = max(peak[0], usage.ru_maxrss / 1024)
    cpu_seconds = usage.ru_utime + usage.ru_stime
    return Measured(seconds, peak_mb, os.waitstatus_to_exitcode(status), stopped[0], cpu_seconds)


def _stop_group(pid: int, done: threading.Event) -> None:
    """SIGTERM to the process group of ``pid``, SIGKILL if it still runs 10 s later."""
    import signal

    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        if done.wait(10):
            return


def machine_description() -> dict[str, object]:
    """What the numbers were measured on (CPU model, cores, memory, load when the bench began)."""
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()[0].split()
        memory_gb = round(int(meminfo[1]) / 1024 / 1024, 1)
    except (OSError, IndexError, ValueError):
        memory_gb = None
    cpu_model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load_1min = round(os.getloadavg()[0], 2)
    except OSError:
        load_1min = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_1min_at_start": load_1min,
    }


def summarize_run_results(run_results: Path, top: int = 10) -> dict[str, object]:
    """Slowest models and tests, node counts and time per kind, from dbt's ``run_results.json``.

    Models are model and seed nodes; tests are data and unit tests. An unreadable file gives an
    empty summary.
    """
    try:
        payload = json.loads(run_results.read_text())
        results = payload["results"]
    except (OSError, ValueError, KeyError):
        return {}

    def kind(result: dict[str, object]) -> str:
        return str(result.get("unique_id", "")).split(".", 1)[0]

    def slowest(kinds: set[str]) -> list[dict[str, object]]:
        chosen = [r for r in results if kind(r) in kinds]
        chosen.sort(key=lambda r: (-float(r.get("execution_time") or 0.0), r["unique_id"]))
        return [
            {"node": r["unique_id"], "seconds": round(float(r.get("execution_time") or 0.0), 2)}
            for r in chosen[:top]
        ]

    counts: dict[str, int] = {}
    seconds: dict[str, float] = {}
    statuses: dict[str, int] = {}
    for r in results:
        counts[kind(r)] = counts.get(kind(r), 0) + 1
        seconds[kind(r)] = seconds.get(kind(r), 0.0) + float(r.get("execution_time") or 0.0)
        statuses[str(r.get("status"))] = statuses.get(str(r.get("status")), 0) + 1
    return {
        "elapsed_seconds": round(float(payload.get("elapsed_time") or 0.0), 1),
        "node_count": len(results),
        "nodes_by_kind": dict(sorted(counts.items())),
        "node_seconds_by_kind": {k: round(v, 1) for k, v in sorted(seconds.items())},
        "nodes_by_status": dict(sorted(statuses.items())),
        "slowest_models": slowest({"model", "seed"}),
        "slowest_tests": slowest({"test", "unit_test"}),
    }


def _size_bytes(path: Path) -> int:
    """Bytes of a file or of every file under a folder (0 when missing)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _report_command(root: Path) -> list[list[str]] | None:
    """The Evidence build commands when ``reports/`` is an installed Evidence project."""
    reports = root / "reports"
    if not (reports / "package.json").is_file() or not (reports / "node_modules").is_dir():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return None
    return [[npm, "run", "sources"], [npm, "run", "build"]]


def bench_report_floor(root: Path, work: Path) -> dict[str, object] | None:
    """Evidence's build of a site of one page with no queries (:data:`REPORT_FLOOR_PAGE`), with
    the packages and configuration of ``root/reports``, measured as the report build stage is
    (same command); None when ``reports/`` is not an installed Evidence project.

    The site is built in a scratch folder under ``work`` (deleted afterwards) whose
    ``node_modules`` links to the project's.
    """
    commands = _report_command(root)
    if commands is None:
        return None
    reports = root / "reports"
    site = work / "report-floor"
    shutil.rmtree(site, ignore_errors=True)
    (site / "pages").mkdir(parents=True)
    for name in ("package.json", "evidence.config.yaml"):
        shutil.copy2(reports / name, site / name)
    (site / "node_modules").symlink_to((reports / "node_modules").resolve())
    (site / "pages" / "index.md").write_text(REPORT_FLOOR_PAGE)
    try:
        seconds, peak, code, _, cpu_seconds = run_measured(
            commands[1], dict(os.environ), work / "report_floor.log", cwd=site
        )
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "peak_memory_mb": round(peak),
        "exit_code": code,
    }


def _load_previous(output: Path) -> dict[str, object]:
    """Per-scale results of the previous run (kept for scales not run this time)."""
    try:
        previous = json.loads(output.read_text())
    except (OSError, ValueError):
        return {}
    scales = previous.get("scales") if isinstance(previous, dict) else None
    return scales if isinstance(scales, dict) else {}


def run_bench(
    scales: list[float],
    output: Path,
    seed: int = 42,
    second_build_max_scale: float = 1.0,
    root: Path | None = None,
    time_budget_seconds: float | None = None,
    keep_warehouse: bool = False,
    memory_cap_gb: float | None = None,
) -> dict[str, object]:
    """Measure each build stage at each scale; write JSON and Markdown results.

    The first ``dbt build`` of a scale starts with an empty model cache (``SCW_MODEL_CACHE``), as
    after ``make setup``; a second ``dbt build`` on the built warehouse, with the cache the first
    one filled, runs at scales up to ``second_build_max_scale``. Raw data, truth and warehouse of
    a scale are deleted once it is measured (their sizes are recorded; ``keep_warehouse`` keeps
    the warehouse). With ``time_budget_seconds``, a stage still running when the budget is spent
    is stopped and recorded as such, and the scale's later stages are skipped; so is a stage whose
    process tree grows beyond ``memory_cap_gb`` (the machine may be shared). Results are
    written after every scale. ``root`` is the project root (default: the working directory),
    where ``reports/`` is looked for.
    """
    root = Path.cwd() if root is None else root
    work = output.parent / "tmp"
    work.mkdir(parents=True, exist_ok=True)
    bindir = Path(sys.executable).parent
    deadline = None if time_budget_seconds is None else time.perf_counter() + time_budget_seconds
    machine = machine_description()
    per_scale = _load_previous(output)
    results: dict[str, object] = {}
    for scale in scales:
        key = f"{scale:g}"
        per_scale[key] = _bench_scale(
            scale,
            seed,
            work,
            bindir,
            root,
            second_build_max_scale,
            deadline,
            keep_warehouse,
            None if memory_cap_gb is None else memory_cap_gb * 1024,
        )
        results = _write_results(output, machine, per_scale, work, text_scoring=None)
    report_floor = bench_report_floor(root, work)
    if report_floor is not None:
        print(
            f"report build floor: {report_floor['seconds']} s ({report_floor['cpu_seconds']} s "
            f"CPU), peak {report_floor['peak_memory_mb']} MB, exit {report_floor['exit_code']}"
        )
        results = _write_results(
            output, machine, per_scale, work, text_scoring=None, report_floor=report_floor
        )
    from social_commerce.text import bench_text_scoring

    # text scoring throughput on one core (texts from the labelled seeds; models trained first)
    text_scoring = bench_text_scoring()
    print(
        f"text scoring: {text_scoring['score_intent_per_second']:,} comments/s (intent), "
        f"{text_scoring['score_sentiment_per_second']:,} texts/s (sentiment) on one core"
    )
    return _write_results(output, machine, per_scale, work, text_scoring) or results


def render_results(output: Path) -> dict[str, object]:
    """Re-judge the targets of ``output`` (a results file) and rewrite its Markdown report."""
    results = json.loads(output.read_text())
    per_scale = results["scales"]
    results["targets"] = judge_targets(per_scale, results.get("report_floor"))
    output.write_text(json.dumps(results, indent=2) + "\n")
    write_markdown(output.with_name("README.md"), results)
    return results


def _write_results(
    output: Path,
    machine: dict[str, object],
    per_scale: dict[str, dict[str, object]],
    work: Path,
    text_scoring: dict[str, object] | None,
    report_floor: dict[str, object] | None = None,
) -> dict[str, object]:
    """Write the results file and its Markdown; text scoring and the report floor not measured
    this time are kept from the previous file."""
    ordered = dict(sorted(per_scale.items(), key=lambda item: float(item[0])))
    try:
        previous = json.loads(output.read_text())
    except (OSError, ValueError):
        previous = {}
    if not isinstance(previous, dict):
        previous = {}
    text_scoring = text_scoring or previous.get("text_scoring")
    report_floor = report_floor or previous.get("report_floor")
    results: dict[str, object] = {
        "machine": machine,
        "stages": [stage for entry in ordered.values() for stage in entry["stages"]],
        "scales": ordered,
        "targets": judge_targets(ordered, report_floor),
        "disk_projection": project_disk(ordered, shutil.disk_usage(work).free),
        "text_scoring": text_scoring or {},
        "report_floor": report_floor or {},
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    write_markdown(output.with_name("README.md"), results)
    return results


def _bench_scale(
    scale: float,
    seed: int,
    work: Path,
    bindir: Path,
    root: Path,
    second_build_max_scale: float,
    deadline: float | None,
    keep_warehouse: bool,
    memory_cap_mb: float | None,
) -> dict[str, object]:
    """Every stage of one scale; the scale's files are deleted afterwards."""
    key = f"{scale:g}"
    raw, truth = work / f"raw-{key}", work / f"truth-{key}"
    warehouse = work / f"warehouse-{key}.duckdb"
    model_cache = work / f"model-cache-{key}"
    targets = {"first": work / f"dbt-target-{key}", "second": work / f"dbt-target-{key}-second"}
    env = {
        **os.environ,
        "SCW_RAW_DIR": str(raw.resolve()),
        "SCW_TRUTH_DIR": str(truth.resolve()),
        "SCW_WAREHOUSE": str(warehouse.resolve()),
        "SCW_MODEL_CACHE": str(model_cache.resolve()),
    }
    for path in (raw, truth, model_cache, *targets.values()):
        shutil.rmtree(path, ignore_errors=True)
    warehouse.unlink(missing_ok=True)
    generate = [str(bindir / "social-commerce"), "generate", "--scale", key, "--seed", str(seed)]
    generate += ["--out", str(raw), "--truth", str(truth), "--quiet"]

    def dbt_build(target: Path) -> list[str]:
        return [str(bindir / "dbt"), "build", "--target-path", str(target.resolve())]

    # as `make warehouse`: check the raw files, source freshness (which parses the project; the
    # build then parses only what changed), dbt build
    check_raw = [str(bindir / "social-commerce"), "check-raw", "--raw", str(raw)]
    freshness = [str(bindir / "dbt"), "source", "freshness"]
    freshness += ["--target-path", str(targets["first"].resolve())]
    plan: list[tuple[str, str, list[str], Path | None]] = [
        ("generate", "generate", generate, None),
        ("check raw", "check_raw", check_raw, None),
        ("source freshness", "source_freshness", freshness, None),
        ("dbt build", "dbt_build", dbt_build(targets["first"]), None),
    ]
    if scale <= second_build_max_scale:
        plan.append(
            (
                "dbt build (again, on the built warehouse)",
                "dbt_build_again",
                dbt_build(targets["second"]),
                None,
            )
        )
    report_commands = _report_command(root)
    if report_commands is not None:
        reports = root / "reports"
        env["EVIDENCE_SOURCE__warehouse__filename"] = os.path.relpath(
            warehouse.resolve(), (reports / "sources" / "warehouse").resolve()
        )
        plan.append(("report sources (Evidence)", "report_sources", report_commands[0], reports))
        plan.append(("report build (Evidence)", "report_build", report_commands[1], reports))
    stages: list[StageResult] = []
    for stage, log_name, command, cwd in plan:
        timeout = None if deadline is None else deadline - time.perf_counter()
        if timeout is not None and timeout <= 0:
            print(f"scale {key} {stage}: skipped (time budget spent)")
            break
        if log_name == "dbt_build_again":
            # a rebuild reuses the project parse of the first build, as a second `make build` does
            _copy_parse_state(targets["first"], targets["second"])
        seconds, peak, code, stopped, cpu_seconds = run_measured(
            command,
            env,
            work / f"{log_name}-{key}.log",
            cwd=cwd,
            timeout=timeout,
            memory_cap_mb=memory_cap_mb,
        )
        stages.append(
            StageResult(
                scale, stage, round(seconds, 1), round(peak), code, stopped, round(cpu_seconds, 1)
            )
        )
        note = f" (stopped: {stopped})" if stopped else ""
        print(
            f"scale {key} {stage}: {seconds:.1f} s ({cpu_seconds:.1f} s CPU), "
            f"peak {peak:.0f} MB, exit {code}{note}"
        )
        if code != 0:
            break
    entry: dict[str, object] = {
        "stages": [asdict(stage) for stage in stages],
        "dbt": summarize_run_results(targets["first"] / "run_results.json"),
        "dbt_again": summarize_run_results(targets["second"] / "run_results.json"),
        "report": "built"
        if report_commands is not None
        else "skipped: reports/ has no installed Evidence project (package.json, node_modules)",
        "sizes_bytes": {
            "raw": _size_bytes(raw),
            "truth": _size_bytes(truth),
            "warehouse": _size_bytes(warehouse),
        },
        "attribution": [],
    }
    if stages and all(stage.exit_code == 0 for stage in stages) and warehouse.exists():
        # attribution engines side by side on the paths this scale's build aggregated
        entry["attribution"] = bench_attribution(_warehouse_path_summary(warehouse))
        for item in entry["attribution"]:
            print(f"scale {key} attribution {item['engine']} {item['model']}: ", end="")
            print(f"{item['seconds']} s {item['note']}".rstrip())
    for path in (raw, truth, model_cache, *targets.values()):
        shutil.rmtree(path, ignore_errors=True)
    if not keep_warehouse:
        warehouse.unlink(missing_ok=True)
        Path(f"{warehouse}.wal").unlink(missing_ok=True)
    return entry


def _judge_make_build(entry: dict[str, object], target: float) -> dict[str, object]:
    """The ``make build`` target of one scale: its stages' summed seconds against ``target``."""
    all_stages = entry.get("stages") or []
    assert isinstance(all_stages, list)
    stages = [stage for stage in all_stages if stage["stage"] in MAKE_BUILD_STAGES]
    names = [MAKE_BUILD_STAGES[stage["stage"]] for stage in stages]
    total = round(sum(float(stage["seconds"]) for stage in stages), 1)
    measured: float | str | None = total
    reason = _stop_reason(entry, "generate")
    if reason:
        measured = f"not measured (generation stopped: {reason})"
    elif any(stage.get("stopped") for stage in stages):
        measured = f"over {total:g} (stopped)"
    elif any(stage["exit_code"] != 0 for stage in stages) or not {"generate", "dbt build"} <= {
        stage["stage"] for stage in stages
    }:
        measured = None
    return {
        "target": f"make build ({' + '.join(names) or 'no stage run'}) under {target:g} s",
        "measured": measured,
        "met": isinstance(measured, float) and measured < target,
    }


def _copy_parse_state(source_target: Path, target: Path) -> None:
    """Copy dbt's saved parse (``partial_parse.msgpack``) from one target path to another."""
    saved = source_target / "partial_parse.msgpack"
    if saved.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(saved, target / saved.name)


def _stop_reason(entry: dict[str, object], name: str) -> str:
    """Why the bench stopped stage ``name`` ("" when it was not stopped)."""
    stages = entry.get("stages") or []
    assert isinstance(stages, list)
    return next((str(s.get("stopped") or "") for s in stages if s["stage"] == name), "")


def judge_targets(
    per_scale: dict[str, dict[str, object]], report_floor: dict[str, object] | None = None
) -> list[dict[str, object]]:
    """Each target of issue 8 with the measured value and whether it is met.

    ``make build`` after set-up is the sum of the bench's stages that it runs
    (``MAKE_BUILD_STAGES``: generation, the raw check, source freshness, ``dbt build`` and the
    report site); the label names the stages summed (results of an older bench may lack some).
    With a measured ``report_floor`` (:func:`bench_report_floor`, exit 0), a ``make build`` target
    also says whether it is above that floor (``above_report_floor``): one below it cannot be met
    with Evidence on this machine, whatever the data and the models. Peak memory is the largest
    peak of any stage of the scale.
    """
    floor_seconds = None
    if report_floor and report_floor.get("exit_code") == 0:
        floor_seconds = float(report_floor["seconds"])
    judged: list[dict[str, object]] = []
    for key, entry in per_scale.items():
        target = TARGET_BUILD_SECONDS.get(float(key))
        if target is not None:
            make_build = {"scale": key, **_judge_make_build(entry, target)}
            if floor_seconds is not None:
                make_build["above_report_floor"] = target > floor_seconds
            judged.append(make_build)
        stages = entry.get("stages") or []
        assert isinstance(stages, list)
        if stages:
            peak = max(float(stage["peak_memory_mb"]) for stage in stages)
            capped = any(stage.get("stopped") == "memory cap" for stage in stages)
            judged.append(
                {
                    "scale": key,
                    "target": f"peak memory of every stage under {TARGET_PEAK_MEMORY_MB} MB",
                    "measured": f"over {round(peak)} (stopped at the cap)"
                    if capped
                    else round(peak),
                    "met": peak < TARGET_PEAK_MEMORY_MB and not capped,
                }
            )
    return judged


def project_disk(
    per_scale: dict[str, dict[str, object]], free_bytes: int
) -> list[dict[str, object]]:
    """Disk needed at :data:`PROJECTED_SCALES` (raw + truth + warehouse), from the largest scale
    measured, growing linearly with scale, against the free space now."""
    measured = [
        (float(key), entry["sizes_bytes"])
        for key, entry in per_scale.items()
        if isinstance(entry.get("sizes_bytes"), dict) and sum(entry["sizes_bytes"].values()) > 0
    ]
    if not measured:
        return []
    base_scale, sizes = max(measured, key=lambda item: item[0])
    per_unit = sum(sizes.values()) / base_scale
    projections = []
    for scale in PROJECTED_SCALES:
        if scale <= base_scale:
            continue
        needed = per_unit * scale
        projections.append(
            {
                "scale": f"{scale:g}",
                "from_scale": f"{base_scale:g}",
                "needed_gb": round(needed / 1e9, 1),
                "free_gb": round(free_bytes / 1e9, 1),
                "fits": needed < free_bytes,
            }
        )
    return projections


def _short(node: str) -> str:
    """A node's name without its kind and project (a unit test's own name, not its model's)."""
    parts = node.split(".")
    if len(parts) < 3:
        return node
    return parts[-1] if parts[0] == "unit_test" else parts[2]


def write_markdown(path: Path, results: dict[str, object]) -> None:
    """The Markdown report of :func:`run_bench`'s results (every number from ``results``)."""
    machine = results["machine"]
    per_scale = results["scales"]
    assert isinstance(machine, dict) and isinstance(per_scale, dict)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`social-commerce bench`); do not edit by hand. Scales not run "
        "by the last `make bench` keep their previous results.",
        "",
        f"Machine: {machine.get('cpus')} CPUs ({machine.get('cpu_model')}), "
        f"{machine.get('memory_gb')} GB memory, {machine.get('platform')}, Python "
        f"{machine.get('python')}; load average {machine.get('load_average_1min_at_start')} when "
        "the bench began (the machine is shared: other jobs may have run at the same time).",
        "",
        "Peak memory is that of the stage's whole process tree (sampled resident memory). The "
        "first `dbt build` of a scale starts with an empty model cache, as after `make setup` "
        "(the text models are trained and cross-validated in it). A stage marked stopped was "
        "ended by the bench (`--time-budget`, or `--memory-cap` so as not to exhaust a shared "
        "machine); the scale's later stages were not run. CPU seconds are user plus system "
        "time of the stage's process tree: on a shared machine they move much less between runs "
        "than wall seconds, so compare them to tell a change of the code from the machine's "
        "load (- where a result predates them).",
        "",
        "| scale | stage | seconds | CPU seconds | peak memory (MB) | exit |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for key, entry in per_scale.items():
        for s in entry["stages"]:
            code = f"stopped ({s['stopped']})" if s.get("stopped") else s["exit_code"]
            cpu = "-" if s.get("cpu_seconds") is None else s["cpu_seconds"]
            lines.append(
                f"| {key} | {s['stage']} | {s['seconds']} | {cpu} "
                f"| {s['peak_memory_mb']:.0f} | {code} |"
            )
        if entry.get("report", "").startswith("skipped"):
            lines.append(f"| {key} | report build (Evidence) | - | - | - | {entry['report']} |")
    targets = results.get("targets") or []
    assert isinstance(targets, list)
    if targets:
        lines += ["", "Targets of issue 8, judged from the numbers above:", ""]
        lines += ["| scale | target | measured | met |", "|---:|---|---:|---|"]
        for t in targets:
            met = "yes" if t["met"] else "**no**"
            lines.append(f"| {t['scale']} | {t['target']} | {t['measured']} | {met} |")
    floor = results.get("report_floor") or {}
    assert isinstance(floor, dict)
    if floor:
        lines += [
            "",
            f"Floor of the report build: Evidence builds a site of one page with no queries, with "
            f"this project's packages and configuration, in {floor['seconds']} s "
            f"({floor['cpu_seconds']} s CPU, peak {floor['peak_memory_mb']} MB, exit "
            f"{floor['exit_code']}). That much of `report build (Evidence)` is Evidence compiling "
            "itself and its components: no change to the pages, the data or the models removes "
            "it.",
        ]
        below = [t for t in targets if t.get("above_report_floor") is False]
        if below:
            labels = " and ".join(f"scale {t['scale']}" for t in below)
            lines.append(
                f"The `make build` target of {labels} is below this floor alone: it cannot be met "
                "with Evidence on this machine."
            )
    for key, entry in per_scale.items():
        for label, summary in [
            ("dbt build", entry.get("dbt")),
            ("second dbt build", entry.get("dbt_again")),
        ]:
            if not summary:
                continue
            kinds = ", ".join(
                f"{count} {kind} ({summary['node_seconds_by_kind'].get(kind, 0)} s)"
                for kind, count in summary["nodes_by_kind"].items()
            )
            statuses = ", ".join(f"{n} {s}" for s, n in summary["nodes_by_status"].items())
            lines += [
                "",
                f"Scale {key}, {label}: {summary['node_count']} nodes in "
                f"{summary['elapsed_seconds']} s: {kinds} (summed node time, 2 threads); "
                f"{statuses}.",
                "",
                "| slowest models | s | slowest tests | s |",
                "|---|---:|---|---:|",
            ]
            models, tests = summary["slowest_models"], summary["slowest_tests"]
            for i in range(max(len(models), len(tests))):
                m = models[i] if i < len(models) else {"node": "", "seconds": ""}
                t = tests[i] if i < len(tests) else {"node": "", "seconds": ""}
                lines.append(
                    f"| {_short(m['node'])} | {m['seconds']} "
                    f"| {_short(t['node'])} | {t['seconds']} |"
                )
    sizes = [(key, entry.get("sizes_bytes")) for key, entry in per_scale.items()]
    sizes = [(key, s) for key, s in sizes if isinstance(s, dict) and sum(s.values()) > 0]
    if sizes:
        lines += ["", "Disk used per scale (GB):", "", "| scale | raw | truth | warehouse |"]
        lines.append("|---:|---:|---:|---:|")
        for key, s in sizes:
            lines.append(
                f"| {key} | {s['raw'] / 1e9:.2f} | {s['truth'] / 1e9:.2f} | "
                f"{s['warehouse'] / 1e9:.2f} |"
            )
    for p in results.get("disk_projection") or []:
        verdict = "fits" if p["fits"] else "does not fit"
        lines.append("")
        lines.append(
            f"Scale {p['scale']} {verdict} on this disk: raw data, truth and warehouse need about "
            f"{p['needed_gb']} GB (scale {p['from_scale']}'s measured sizes, linear in scale), "
            f"{p['free_gb']} GB are free."
        )
    attribution = {key: entry.get("attribution") for key, entry in per_scale.items()}
    if any(attribution.values()):
        lines += [
            "",
            "Attribution on each scale's `conversion_path_summary` (wall seconds, same paths for "
            "every engine):",
            "",
            "| scale | distinct paths | engine | model | seconds | note |",
            "|---:|---:|---|---|---:|---|",
        ]
        for key, entries in attribution.items():
            for e in entries or []:
                seconds = "skipped" if e["seconds"] is None else e["seconds"]
                lines.append(
                    f"| {key} | {e['distinct_paths']} | {e['engine']} | {e['model']} "
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
