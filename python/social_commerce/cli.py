"""Command-line interface: ``social-commerce <command>``.

Every failure a user can cause (a missing file, a wrong path, a bad option) ends in one line on
stderr that says what is wrong and what to do, and a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from social_commerce.contract import RAW_ENTITIES
from social_commerce.errors import UserError
from social_commerce.rawcheck import first_invalid_utf8_line, is_empty_file

#: Largest scale factor accepted; scale 100 is about 100M touchpoints.
MAX_SCALE = 1000.0


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line instead of a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{message} (run `{self.prog} --help` for usage)")


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--scale must be a number, got {text!r}") from None
    if not 0.01 <= value <= MAX_SCALE:
        raise argparse.ArgumentTypeError(
            f"--scale must be between 0.01 and {MAX_SCALE:g}, got {text}"
        )
    return int(value) if value.is_integer() else value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seed must be an integer, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"--seed must be 0 or more, got {text}")
    return value


def _cmd_generate(args: argparse.Namespace) -> int:
    from social_commerce.generate.pipeline import generate, raw_is_current, read_manifest

    if args.out.is_dir() and any(args.out.iterdir()) and read_manifest(args.out) is None:
        raise UserError(
            f"{args.out} holds files the generator did not write (real exports?): not "
            "overwriting them; build from them with `make warehouse SCW_RAW_DIR=...`, or "
            "choose another --out"
        )

    if args.if_changed and raw_is_current(args.out, args.scale, args.seed):
        print(f"{args.out} already holds scale {args.scale} seed {args.seed}: nothing to do")
        return 0
    for folder in (args.out, args.truth):
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            probe = folder.parent / f".{folder.name}.write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as exc:
            raise UserError(
                f"cannot write into {folder.parent} ({exc.strerror}): choose another "
                "--out/--truth folder"
            ) from None
    manifest = generate(args.out, args.truth, args.scale, args.seed, progress=not args.quiet)
    entities = manifest["entities"]
    assert isinstance(entities, dict)
    lines = sum(int(counts["lines"]) for counts in entities.values())
    print(
        f"wrote {lines:,} raw lines in {len(entities)} entities to {args.out} "
        f"(scale {args.scale}, seed {args.seed}); truth in {args.truth}"
    )
    return 0


def _cmd_check_raw(args: argparse.Namespace) -> int:
    raw: Path = args.raw
    if not raw.is_dir():
        raise UserError(
            f"raw folder {raw} does not exist: run `make build` to generate data, "
            "or set SCW_RAW_DIR to the folder holding your exports"
        )
    empty: list[Path] = []
    for entity in RAW_ENTITIES:
        files = entity.files(raw)
        if not files:
            raise UserError(
                f"{raw / entity.source / entity.pattern} is missing: run `make build` to "
                "regenerate, or add that export (see README, Raw extracts)"
            )
        for path in files:
            try:
                bad_line = first_invalid_utf8_line(path)
                if is_empty_file(path):
                    empty.append(path)
            except OSError as exc:
                raise UserError(
                    f"cannot read {path}: {exc.strerror}; fix its permissions"
                ) from None
            if bad_line is not None:
                raise UserError(
                    f"{path} line {bad_line} is not UTF-8 text: re-export the file as UTF-8 "
                    "(or convert it, e.g. `iconv -f latin1 -t utf-8`)"
                )
    if empty:
        names = ", ".join(str(path.relative_to(raw)) for path in empty)
        print(f"note: {len(empty)} empty extract file(s), built with zero rows from them: {names}")
    print(f"{raw}: all {len(RAW_ENTITIES)} raw entities present")
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from social_commerce.bench import render_results, run_bench

    if args.render_only:
        try:
            render_results(args.output)
        except (OSError, ValueError, KeyError):
            raise UserError(
                f"{args.output} is not a results file of `social-commerce bench`: run "
                "`make bench` first"
            ) from None
        print(f"rewrote {args.output.with_name('README.md')} from {args.output}")
        return 0
    results = run_bench(
        args.scales,
        args.output,
        seed=args.seed,
        second_build_max_scale=args.second_build_max_scale,
        time_budget_seconds=None if args.time_budget is None else args.time_budget * 60,
        keep_warehouse=args.keep_warehouse,
        memory_cap_gb=args.memory_cap,
    )
    stages = results["stages"]
    assert isinstance(stages, list)
    failed = [stage for stage in stages if stage["exit_code"] != 0]
    print(f"results in {args.output} and {args.output.with_name('README.md')}")
    return 1 if failed else 0


def _order(text: str) -> int:
    from social_commerce.attribution.markov import MAX_ORDER

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--order must be an integer, got {text!r}") from None
    if not 1 <= value <= MAX_ORDER:
        raise argparse.ArgumentTypeError(f"--order must be between 1 and {MAX_ORDER}, got {text}")
    return value


def _cmd_attribute(args: argparse.Namespace) -> int:
    from social_commerce.attribution import PATH_MODELS, attribute_paths, read_paths_csv

    paths = read_paths_csv(args.paths)
    try:
        result = attribute_paths(paths, args.models or PATH_MODELS, order=args.order)
    except ValueError as exc:
        raise UserError(f"{args.paths}: {exc}") from None
    if args.output is None:
        sys.stdout.write(result.write_csv())
        return 0
    try:
        result.write_csv(args.output)
    except OSError as exc:
        raise UserError(
            f"cannot write {args.output} ({exc.strerror or type(exc).__name__}): "
            "choose another --output"
        ) from None
    print(f"wrote {result.height} model x channel rows to {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``social-commerce`` argument parser."""
    parser = _Parser(prog="social-commerce", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    gen = commands.add_parser("generate", help="write synthetic raw extracts and their truth")
    gen.add_argument("--scale", type=_scale, default=1, help="scale factor (1 = ~1M sessions)")
    gen.add_argument("--seed", type=_seed, default=42, help="random seed (deterministic)")
    gen.add_argument("--out", type=Path, default=Path("data/raw"), help="raw extracts folder")
    gen.add_argument("--truth", type=Path, default=Path("data/truth"), help="truth folder")
    gen.add_argument(
        "--if-changed",
        action="store_true",
        help="do nothing when --out already holds this scale and seed",
    )
    gen.add_argument("--quiet", action="store_true", help="no progress bar")
    gen.set_defaults(func=_cmd_generate)

    check = commands.add_parser(
        "check-raw", help="check that every raw extract is present and UTF-8 text"
    )
    check.add_argument("--raw", type=Path, default=Path("data/raw"), help="raw extracts folder")
    check.set_defaults(func=_cmd_check_raw)
    bench = commands.add_parser("bench", help="time generation and dbt build per scale")
    bench.add_argument("--scales", type=_scale, nargs="+", default=[1, 10], help="scale factors")
    bench.add_argument("--seed", type=_seed, default=42, help="random seed")
    bench.add_argument(
        "--output",
        type=Path,
        default=Path("bench/results.json"),
        help="results file (a Markdown table is written beside it)",
    )
    bench.add_argument(
        "--second-build-max-scale",
        type=float,
        default=1.0,
        help="also time a second dbt build on the built warehouse up to this scale (default 1)",
    )
    bench.add_argument(
        "--time-budget",
        type=float,
        default=None,
        metavar="MINUTES",
        help="stop a stage still running after this many minutes in all (recorded as timed out)",
    )
    bench.add_argument(
        "--memory-cap",
        type=float,
        default=None,
        metavar="GB",
        help="stop a stage whose process tree holds more than this much memory (shared machine)",
    )
    bench.add_argument(
        "--render-only",
        action="store_true",
        help="measure nothing: rewrite the Markdown report (and targets) from --output",
    )
    bench.add_argument(
        "--keep-warehouse",
        action="store_true",
        help="keep each scale's warehouse under bench/tmp (raw data is always deleted)",
    )
    bench.set_defaults(func=_cmd_bench)

    attribute = commands.add_parser(
        "attribute", help="multi-touch attribution of a path-summary CSV, per model and channel"
    )
    attribute.add_argument(
        "paths",
        type=Path,
        help="CSV (, or ;) with path, total_conversions, total_conversion_value[, total_null]",
    )
    attribute.add_argument(
        "--order",
        type=_order,
        default=1,
        metavar="N",
        help="order of the `markov` model (default 1)",
    )
    attribute.add_argument(
        "--model",
        dest="models",
        action="append",
        metavar="M",
        help="model to run (repeatable; default: all heuristics, markov and shapley)",
    )
    attribute.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="OUT.csv",
        help="result CSV (default: standard output)",
    )
    attribute.set_defaults(func=_cmd_attribute)

    from social_commerce.text.cli import register_text_commands

    register_text_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``social-commerce`` console script."""
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args))
    except UserError as exc:
        print(f"social-commerce: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("social-commerce: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
