"""The table comparison of the incremental and bad-input tests can fail, and tolerates only what
it should."""

from __future__ import annotations

import polars as pl

from .frame_compare import rows_differ


def _frame(values: list[float], tags: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"tag": tags, "value": values, "items": [[1, 2], [3], []][: len(tags)]})


def test_same_rows_in_another_order_are_equal() -> None:
    one = _frame([0.1 + 0.2, 5.0, 7.5], ["a", "b", "c"])
    other = _frame([7.5, 0.3, 5.0], ["c", "a", "b"]).with_columns(
        pl.Series("items", [[], [1, 2], [3]])
    )
    assert rows_differ(one, other) is None


def test_a_value_exactly_halfway_at_a_rounding_digit_is_still_equal() -> None:
    # 0.1234567885 rounds to 9 digits as ...788 or ...789 depending on its last bit
    assert rows_differ(_frame([0.1234567885], ["a"]), _frame([0.12345678850000001], ["a"])) is None


def test_real_differences_are_found() -> None:
    base = _frame([1.0, 2.0], ["a", "b"])
    assert rows_differ(base, _frame([1.0, 2.001], ["a", "b"])) is not None
    assert rows_differ(base, _frame([1.0, 2.0], ["a", "c"])) is not None
    assert rows_differ(base, base.head(1)) is not None
    assert rows_differ(base, base.with_columns(pl.Series("items", [[1, 2], [4]]))) is not None
