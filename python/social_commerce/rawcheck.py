"""Checks on raw extract files that must pass before dbt reads them (``check-raw``).

dbt reads every line of every extract as text: a malformed line is quarantined by staging, but a
file that is not UTF-8 makes DuckDB's reader stop the whole build. These checks find that first,
and say where.
"""

from __future__ import annotations

import codecs
from pathlib import Path

#: Bytes read at a time: whole files can be gigabytes.
CHUNK_BYTES = 8 * 1024 * 1024


def first_invalid_utf8_line(path: Path, chunk_bytes: int = CHUNK_BYTES) -> int | None:
    """The 1-based number of the first line of ``path`` that is not valid UTF-8, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines_before = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(chunk_bytes)
            final = not chunk
            try:
                decoder.decode(chunk, final=final)
            except UnicodeDecodeError as exc:
                # exc.start is an offset into the undecoded tail of the previous chunk + this one
                pending = len(exc.object) - len(chunk)
                offset_in_chunk = exc.start - pending
                return newlines_before + chunk[: max(offset_in_chunk, 0)].count(b"\n") + 1
            if final:
                return None
            newlines_before += chunk.count(b"\n")


def is_empty_file(path: Path) -> bool:
    """True when ``path`` holds no bytes at all (an export with no records)."""
    return path.stat().st_size == 0
