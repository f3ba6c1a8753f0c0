"""Compare two tables' rows as multisets, floats to a relative tolerance.

Sums of doubles depend on the order DuckDB's threads add them in, which differs between two
builds of the same data in the last bits; rounding both sides to N digits is not enough (a value
exactly halfway at the N+1th digit rounds either way), so floats compare to a tolerance instead.
"""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

#: Relative and absolute tolerance of float comparisons.
REL_TOL = 1e-9
ABS_TOL = 1e-12


def canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows in a canonical order: sorted by every column (floats rounded for the sort only,
    nested values by their hash)."""
    keys = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype.is_float():
            keys.append(column.round_sig_figs(8))
        elif dtype.is_nested():
            keys.append(column.hash())
        else:
            keys.append(column)
    return frame.sort(keys, nulls_last=True) if keys else frame


def rows_differ(left: pl.DataFrame, right: pl.DataFrame) -> str | None:
    """``None`` when both frames hold the same rows in any order (floats within tolerance), else
    the first line of what differs."""
    try:
        assert_frame_equal(
            canonical(left), canonical(right), check_exact=False, rel_tol=REL_TOL, abs_tol=ABS_TOL
        )
    except AssertionError as exc:
        return str(exc).splitlines()[0]
    return None
