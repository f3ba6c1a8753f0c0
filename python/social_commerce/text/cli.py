"""``social-commerce score-intent`` and ``score-sentiment``: score a CSV file's text column.

Registered on the main parser by :func:`register_text_commands`. Every input row is kept with all
its columns; the scores are appended. Input separated by commas or semicolons is detected from
the header line. The models train from the shipped seeds when none is cached.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl

from social_commerce.errors import UserError


def _detect_separator(path: Path) -> str:
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        header = handle.readline()
    return ";" if header.count(";") > header.count(",") else ","


def read_text_csv(path: Path, text_column: str) -> pl.DataFrame:
    """The CSV as strings; UserError for a missing or empty file or a missing column."""
    if not path.is_file():
        raise UserError(f"input file {path} does not exist: check the path")
    if path.stat().st_size == 0:
        raise UserError(f"input file {path} is empty: expected a CSV with a header line")
    separator = _detect_separator(path)
    try:
        frame = pl.read_csv(path, separator=separator, infer_schema_length=0, encoding="utf8-lossy")
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(f"cannot read {path} as CSV: {first}") from None
    if not frame.columns:
        raise UserError(f"input file {path} is empty: expected a CSV with a header line")
    if text_column not in frame.columns:
        raise UserError(
            f"{path} has no column {text_column!r} (columns: {', '.join(frame.columns)}): "
            "choose one with --text-column"
        )
    return frame


def _write(frame: pl.DataFrame, output: Path) -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        frame.write_csv(output)
    except OSError as exc:
        raise UserError(
            f"cannot write {output} ({exc.strerror}): choose another --output"
        ) from None


def _cmd_score_intent(args: argparse.Namespace) -> int:
    from social_commerce.text.intent import score_intent

    frame = read_text_csv(args.input, args.text_column)
    scores = score_intent(frame[args.text_column])
    out = frame.with_columns(
        intent_level=scores["intent_level"], intent_probability=scores["intent_probability"]
    )
    _write(out, args.output)
    print(f"scored purchase intent of {out.height:,} rows into {args.output}")
    return 0


def _cmd_score_sentiment(args: argparse.Namespace) -> int:
    from social_commerce.text.sentiment import score_sentiment

    frame = read_text_csv(args.input, args.text_column)
    scores = score_sentiment(frame[args.text_column])
    out = frame.with_columns(
        sentiment_score=scores["sentiment_score"], sentiment_label=scores["sentiment_label"]
    )
    _write(out, args.output)
    print(f"scored sentiment of {out.height:,} rows into {args.output}")
    return 0


def register_text_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``score-intent`` and ``score-sentiment`` to the ``social-commerce`` subcommands."""
    for name, func, what in (
        ("score-intent", _cmd_score_intent, "purchase intent (intent_level, intent_probability)"),
        ("score-sentiment", _cmd_score_sentiment, "sentiment (sentiment_score, sentiment_label)"),
    ):
        command = subparsers.add_parser(name, help=f"add {what} to every row of a CSV file")
        command.add_argument("input", type=Path, help="CSV file (comma or semicolon separated)")
        command.add_argument(
            "--text-column", default="text", help="column holding the text (default: text)"
        )
        command.add_argument("--output", type=Path, required=True, help="CSV file to write")
        command.set_defaults(func=func)
