"""Generate every raw extract and the ground truth behind it, atomically.

``generate()`` builds the world (creators, products, trends), the social sources and the
commerce sources, damages the records the way real exports are damaged (:mod:`.mess`), and
writes ``<out>/<source>/<entity>.<jsonl|csv>`` plus ``<out>/manifest.json``, and
``<truth>/*.parquet``. Files are written to a temporary folder next to the target and swapped in
only when everything succeeded, so a reader never sees half a data set.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import numpy as np
import polars as pl
from tqdm import tqdm

from social_commerce.contract import RAW_ENTITIES, RawEntity
from social_commerce.generate.config import DAYS, START, EntityFrames, MessRates
from social_commerce.generate.mess import Damaged, damage

#: Bump when the generator's output changes shape or meaning: ``make build`` regenerates
#: raw data whose manifest carries another version.
GENERATOR_VERSION = "2"
MANIFEST = "manifest.json"

# Stable sub-seed per module, so that changing one module's draws never shifts another's.
_STREAM_WORLD, _STREAM_SOCIAL, _STREAM_COMMERCE, _STREAM_MESS = 1, 2, 3, 4


def read_manifest(out: Path) -> dict[str, object] | None:
    """The manifest of the raw data under ``out``, or ``None`` when missing or unreadable."""
    try:
        return json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def raw_is_current(out: Path, scale: float, seed: int) -> bool:
    """Whether ``out`` holds complete raw data of this scale, seed and generator version."""
    manifest = read_manifest(out)
    if manifest is None:
        return False
    same = (
        manifest.get("scale") == scale
        and manifest.get("seed") == seed
        and manifest.get("generator_version") == GENERATOR_VERSION
    )
    return same and all(entity.files(out) for entity in RAW_ENTITIES)


def build_frames(scale: float, seed: int) -> EntityFrames:
    """All clean raw-shaped records and truth tables, in memory."""
    # Imported here so `social-commerce --help` stays fast.
    from social_commerce.generate.commerce import build_commerce
    from social_commerce.generate.social import build_social
    from social_commerce.generate.world import build_world

    world = build_world(np.random.default_rng([seed, _STREAM_WORLD]), scale)
    frames = build_social(np.random.default_rng([seed, _STREAM_SOCIAL]), world, scale)
    frames.update(build_commerce(np.random.default_rng([seed, _STREAM_COMMERCE]), world, scale))
    return frames


def _write_lines(
    path: Path, lines: pl.Series, header: str | None = None, append: bool = False
) -> None:
    """Write one string per line, verbatim (no quoting), UTF-8, ``\\n`` line ends.

    polars writes the lines from its own buffers: no Python string is made per line (GA4 is
    ~2.5M lines per unit of scale). ``append`` adds to the file (a day file GA4 writes from
    several chunks of sessions).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab" if append else "wb") as handle:
        if header is not None:
            handle.write((header + "\n").encode("utf-8"))
        if len(lines):
            pl.DataFrame({"line": lines}).write_csv(
                handle, include_header=False, quote_style="never", line_terminator="\n"
            )


def _write_trends(folder: Path, frame: pl.DataFrame) -> int:
    """Write the Google Trends "Interest over time" layout, one file per batch of terms."""
    lines = 0
    for (batch,), part in sorted(frame.partition_by("file_batch", as_dict=True).items()):
        wide = part.pivot(on="term", index="day", values="value", sort_columns=False).sort("day")
        terms = [name for name in wide.columns if name != "day"]
        header = ",".join(["Day", *[f"{term}: (United States)" for term in terms]])
        body = wide.select(
            pl.concat_str(
                [pl.col("day").cast(pl.String), *[pl.col(t) for t in terms]], separator=","
            )
        ).to_series()
        _write_lines(
            folder / f"interest_over_time_{batch:02d}.csv",
            body,
            header=f"Category: All categories\n\n{header}",
        )
        lines += len(body) + 3
    return lines


def _key_first(frame: pl.DataFrame, key: str) -> pl.DataFrame:
    """Put the key column first, so the first ``"key":`` in a JSON line is the record's own."""
    if key in frame.columns:
        return frame.select([key, *[c for c in frame.columns if c != key]])
    return frame


def write_raw(
    frames: EntityFrames, out: Path, seed: int, rates: MessRates, progress: bool = True
) -> tuple[dict[str, dict[str, int]], pl.DataFrame]:
    """Damage and write every raw entity under ``out``; return line counts and defects."""
    from social_commerce.generate.mess import SPECS

    rng = np.random.default_rng([seed, _STREAM_MESS])
    counts: dict[str, dict[str, int]] = {}
    defects: list[dict[str, object]] = []
    for entity in tqdm(RAW_ENTITIES, desc="write raw", unit="file", disable=not progress):
        folder = out / entity.source
        if entity.key == "trends/interest_over_time":
            frame = frames.records[entity.key]
            counts[entity.key] = {"records": frame.height, "lines": _write_trends(folder, frame)}
            continue
        # A chunked entity (GA4) is made, damaged and written one piece at a time.
        pieces: Iterable[pl.DataFrame] = frames.chunked.get(entity.key) or [
            frames.records[entity.key]
        ]
        spec = SPECS.get(entity.key)
        records = lines = 0
        for piece in pieces:
            if spec is not None:
                piece = _key_first(piece, spec.key)
            file_date = None
            if "file_date" in piece.columns:
                file_date = piece["file_date"]
                piece = piece.drop("file_date")
            damaged = damage(entity.key, piece, entity.fmt, rates, rng)
            defects.extend(damaged.defects)
            records += piece.height
            lines += len(damaged.lines)
            _write_entity(entity, folder, piece, damaged, file_date)
            del damaged, piece
        counts[entity.key] = {"records": records, "lines": lines}
    return counts, pl.DataFrame(
        defects,
        schema={
            "entity": pl.String,
            "defect": pl.String,
            "field": pl.String,
            "expected_reason": pl.String,
            "rows": pl.Int64,
        },
    )


def _write_entity(
    entity: RawEntity,
    folder: Path,
    frame: pl.DataFrame,
    damaged: Damaged,
    file_date: pl.Series | None,
) -> None:
    """Write one entity's damaged lines: a single file, or one GA4 file per day.

    Day files are appended to: a day's events may come in two chunks of sessions.
    """
    if file_date is None:
        header = ",".join(frame.columns) if entity.fmt == "csv" else None
        _write_lines(folder / entity.pattern, damaged.lines, header=header)
        return
    dated = pl.DataFrame({"line": damaged.lines, "file_date": file_date.gather(damaged.origin)})
    for (day,), part in dated.partition_by("file_date", as_dict=True).items():
        name = entity.pattern.replace("*", day.strftime("%Y%m%d"))
        _write_lines(folder / name, part["line"], append=True)


@contextmanager
def _swap_in(target: Path) -> Iterator[Path]:
    """Yield a fresh temporary folder that replaces ``target`` only if the block succeeds."""
    staging = target.parent / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def generate(
    out: Path,
    truth: Path,
    scale: float,
    seed: int,
    progress: bool = True,
    rates: MessRates | None = None,
) -> dict[str, object]:
    """Generate raw extracts into ``out`` and truth into ``truth``; return the manifest."""
    rates = rates or MessRates()
    out.parent.mkdir(parents=True, exist_ok=True)
    truth.parent.mkdir(parents=True, exist_ok=True)
    with tqdm(total=2, desc="simulate", unit="stage", disable=not progress) as bar:
        frames = build_frames(scale, seed)
        bar.update(2)
    with _swap_in(out) as raw_dir, _swap_in(truth) as truth_dir:
        counts, defects = write_raw(frames, raw_dir, seed, rates, progress)
        for name, table in frames.truth.items():
            table.write_parquet(truth_dir / f"{name}.parquet")
        defects.write_parquet(truth_dir / "injected_defects.parquet")
        manifest: dict[str, object] = {
            "generator_version": GENERATOR_VERSION,
            "scale": scale,
            "seed": seed,
            "window_start": START.date().isoformat(),
            "window_days": DAYS,
            "mess_rates": asdict(rates),
            "entities": counts,
            "defects": defects.to_dicts(),
        }
        (raw_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest
