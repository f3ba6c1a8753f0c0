"""Path summaries: the ``path; total_conversions; total_conversion_value; total_null`` format.

This is the de facto input of attribution tools (ChannelAttribution, marketing-attribution-models):
one row per distinct channel path, ``path`` a string such as ``"facebook > email > direct"``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from social_commerce.errors import UserError

#: Columns a path summary must have (``total_null`` is optional and defaults to 0).
REQUIRED_COLUMNS = ("path", "total_conversions", "total_conversion_value")
OPTIONAL_COLUMNS = ("total_null",)
NUMERIC_COLUMNS = ("total_conversions", "total_conversion_value", "total_null")


def normalize_paths(paths: pl.DataFrame) -> pl.DataFrame:
    """Validate a path summary and split its paths into channel lists.

    Spaces around ``>`` are tolerated (``"a>b"`` and ``"a > b"`` are the same path); rows with
    the same normalized path are summed. Returns ``path`` (normalized string), ``channels``
    (list of str), ``total_conversions``, ``total_conversion_value``, ``total_null`` (Float64),
    in the order of first appearance. Raises ``ValueError`` on missing columns, non-numeric
    counts, empty channels or negative counts.
    """
    missing = [name for name in REQUIRED_COLUMNS if name not in paths.columns]
    if missing:
        raise ValueError(
            f"path summary lacks column(s) {', '.join(missing)}; expected "
            f"{', '.join(REQUIRED_COLUMNS)} and optionally {', '.join(OPTIONAL_COLUMNS)}"
        )
    if "total_null" not in paths.columns:
        paths = paths.with_columns(pl.lit(0.0).alias("total_null"))
    for name in NUMERIC_COLUMNS:
        column = paths[name]
        if column.dtype.is_numeric():
            continue
        parsed = column.cast(pl.Float64, strict=False)
        bad = column.filter(parsed.is_null() & column.is_not_null())
        if bad.len():
            raise ValueError(
                f"column {name} must hold numbers; {bad.len()} value(s) are not, e.g. {bad[0]!r}"
            )
    frame = paths.select(
        pl.col("path").cast(pl.String),
        *[pl.col(name).cast(pl.Float64).fill_null(0.0) for name in NUMERIC_COLUMNS],
    )
    frame = frame.with_columns(
        pl.col("path").fill_null("").str.split(">").list.eval(pl.element().str.strip_chars())
    ).rename({"path": "channels"})
    empty = frame.filter(
        (pl.col("channels").list.len() == 0) | pl.col("channels").list.contains("")
    )
    if empty.height:
        raise ValueError(
            f"{empty.height} path(s) have an empty channel name (e.g. an empty path or "
            "'a > > b'): every step of a path needs a channel"
        )
    negative = frame.filter(pl.any_horizontal(pl.col(name) < 0 for name in NUMERIC_COLUMNS))
    if negative.height:
        raise ValueError(f"{negative.height} path(s) have negative counts or values")
    return (
        frame.with_columns(pl.col("channels").list.join(" > ").alias("path"))
        .group_by("path", maintain_order=True)
        .agg(pl.col("channels").first(), *[pl.col(name).sum() for name in NUMERIC_COLUMNS])
    )


def explode_paths(channels: pl.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Flatten a list-of-channels series.

    Returns ``(path_index, position, channel_code, channel_names)``: one entry per touch, in path
    order; ``position`` is 0-based within its path; ``channel_code`` indexes the sorted
    ``channel_names``.
    """
    lengths = channels.list.len().to_numpy().astype(np.int64)
    flat = channels.explode().cast(pl.String)
    names = flat.unique().drop_nulls().sort().to_list()
    codes = flat.cast(pl.Enum(names)).to_physical().to_numpy()
    path_index = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    starts = np.cumsum(lengths) - lengths
    position = np.arange(len(path_index), dtype=np.int64) - np.repeat(starts, lengths)
    return path_index, position, codes.astype(np.int64), names


def read_paths_csv(path: Path | str) -> pl.DataFrame:
    """Read a path-summary CSV (comma or semicolon separated, detected from the header line).

    Raises :class:`UserError` (one line, says what to fix) when the file is missing, empty, or
    lacks a required column.
    """
    path = Path(path)
    expected = f"expected columns {', '.join(REQUIRED_COLUMNS)} (optional: total_null)"
    if not path.is_file():
        raise UserError(f"paths file {path} does not exist: give a CSV with {expected}")
    try:
        with path.open(encoding="utf-8-sig") as handle:
            header = handle.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from None
    if not header.strip():
        raise UserError(f"paths file {path} is empty: {expected}")
    separator = ";" if header.count(";") > header.count(",") else ","
    columns = [name.strip().strip('"') for name in header.strip().split(separator)]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise UserError(
            f"{path} lacks column(s) {', '.join(missing)}: {expected}; found {', '.join(columns)}"
        )
    try:
        frame = pl.read_csv(
            path,
            separator=separator,
            schema_overrides={"path": pl.String},
            encoding="utf8-lossy",
        )
    except (pl.exceptions.PolarsError, OSError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(f"cannot parse {path} as CSV: {first_line}") from None
    return frame.rename({name: name.strip().lstrip("\ufeff") for name in frame.columns})
