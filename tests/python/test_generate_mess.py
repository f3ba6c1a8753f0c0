"""Tests of the defect injector on small hand-made frames whose answers are known."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

from social_commerce.generate.config import MessRates
from social_commerce.generate.mess import SPECS, damage, encode_json

VIDEOS = pl.DataFrame(
    {
        "id": [str(7_000_000_000_000_000_000 + i) for i in range(200)],
        "create_time": [1_762_000_000 + 60 * i for i in range(200)],
        "username": ["maya"] * 200,
        "view_count": list(range(1000, 1200)),
        "like_count": list(range(100, 300)),
        "comment_count": [5] * 200,
        "share_count": [1] * 200,
        "hashtag_names": [["amazonfinds", "fyp"]] * 200,
        "pulled_at": ["2025-11-20T10:00:00Z"] * 200,
    }
)

RATES = MessRates(
    duplicate_repull=0.05,
    late_arrival=0.02,
    malformed_line=0.05,
    wrong_type=0.03,
    impossible_value=0.03,
    missing_key=0.02,
    unknown_currency=0.0,
)


def _reasons(lines: list[str]) -> dict[str, int]:
    """What a strict reader would say about each line: the reference implementation."""
    counts: dict[str, int] = {}
    for line in lines:
        if line == "":
            reason = "empty_line"
        else:
            try:
                record = json.loads(line)
            except ValueError:
                reason = "malformed_json"
            else:
                reason = _record_reason(record)
        counts[reason] = counts.get(reason, 0) + 1
    return counts


def _record_reason(record: dict[str, object]) -> str:
    if record["id"] is None:
        return "missing_key:id"
    for name in ("view_count", "like_count", "share_count"):
        value = record[name]
        if not isinstance(value, int):
            return f"invalid_type:{name}"
        if value < 0:
            return f"impossible_value:{name}"
    created = record["create_time"]
    assert isinstance(created, int)
    if created < 1_420_070_400 or created > 2_000_000_000:
        return "impossible_timestamp:create_time"
    return "ok"


def test_every_defect_is_recorded_with_the_reason_a_reader_gives() -> None:
    damaged = damage("tiktok/videos", VIDEOS, "jsonl", RATES, np.random.default_rng(1))
    lines = damaged.lines.to_list()
    observed = _reasons(lines)
    expected: dict[str, int] = {}
    for defect in damaged.defects:
        reason = str(defect["expected_reason"]) or "ok"
        if defect["defect"] == "late_arrival":
            continue  # late lines are valid lines
        expected[reason] = expected.get(reason, 0) + int(defect["rows"])  # type: ignore[arg-type]
    duplicates = sum(int(d["rows"]) for d in damaged.defects if "duplicate" in str(d["defect"]))
    expected["ok"] = VIDEOS.height - sum(v for k, v in expected.items() if k != "ok") + duplicates
    assert observed == expected
    assert len(lines) == VIDEOS.height + duplicates


def test_each_defect_kind_appears_and_rows_are_disjoint() -> None:
    damaged = damage("tiktok/videos", VIDEOS, "jsonl", RATES, np.random.default_rng(2))
    kinds = {d["defect"] for d in damaged.defects}
    assert {
        "missing_key",
        "wrong_type",
        "impossible_value",
        "impossible_timestamp",
        "malformed_line",
        "empty_line",
        "late_arrival",
        "duplicate_repull",
    } <= kinds
    # One defect per line: the damaged lines (non-ok) number exactly the defects made.
    bad = sum(v for k, v in _reasons(damaged.lines.to_list()).items() if k != "ok")
    made = sum(
        int(d["rows"])
        for d in damaged.defects  # type: ignore[arg-type]
        if d["expected_reason"]
    )
    assert bad == made


def test_repulls_are_later_and_grow_counters() -> None:
    damaged = damage("tiktok/videos", VIDEOS, "jsonl", RATES, np.random.default_rng(3))
    n = VIDEOS.height
    repulls = [json.loads(line) for line in damaged.lines.to_list()[n:]]
    assert repulls
    originals = VIDEOS.to_dicts()
    for copy, origin in zip(repulls, damaged.origin[n:], strict=True):
        source = originals[origin]
        assert copy["id"] == source["id"]
        assert copy["pulled_at"] > source["pulled_at"]
        assert copy["view_count"] >= source["view_count"]


def test_same_seed_same_lines_and_other_seed_other_lines() -> None:
    one = damage("tiktok/videos", VIDEOS, "jsonl", RATES, np.random.default_rng(5)).lines
    two = damage("tiktok/videos", VIDEOS, "jsonl", RATES, np.random.default_rng(5)).lines
    three = damage("tiktok/videos", VIDEOS, "jsonl", RATES, np.random.default_rng(6)).lines
    assert one.to_list() == two.to_list()
    assert one.to_list() != three.to_list()


def test_csv_defects_keep_or_break_the_field_count_as_intended() -> None:
    frame = pl.DataFrame(
        {
            "date": ["2025-11-01"] * 100,
            "platform": ["tiktok"] * 100,
            "campaign_id": [f"c{i}" for i in range(100)],
            "utm_source": ["tiktok"] * 100,
            "utm_medium": ["paid_social"] * 100,
            "currency": ["USD"] * 100,
            "spend": [12.5] * 100,
            "clicks": [3] * 100,
        }
    )
    rates = MessRates(malformed_line=0.1, unknown_currency=0.05, duplicate_repull=0.05)
    damaged = damage("ads/daily_spend", frame, "csv", rates, np.random.default_rng(4))
    fields = [line.count(",") + 1 for line in damaged.lines.to_list() if line]
    malformed = next(d for d in damaged.defects if d["defect"] == "malformed_line")
    assert sum(1 for f in fields if f != frame.width) == malformed["rows"]
    currencies = [
        line.split(",")[5] for line in damaged.lines.to_list() if line.count(",") + 1 == frame.width
    ]
    unknown = next(d for d in damaged.defects if d["defect"] == "unknown_currency")
    assert sum(1 for c in currencies if c != "USD") == unknown["rows"]


@pytest.mark.parametrize("entity", sorted(SPECS))
def test_every_spec_names_its_key(entity: str) -> None:
    assert SPECS[entity].key


def test_encode_json_omit_nulls_leaves_out_null_fields() -> None:
    """First, middle and last null fields, in nested objects and lists of objects."""
    item = pl.Struct({"s": pl.String, "i": pl.Int64})
    frame = pl.DataFrame(
        {
            "a": [None, "x", None],
            "b": [1, None, None],
            "c": [{"k": None, "v": 2}, {"k": "y", "v": None}, {"k": "w", "v": 5}],
            "d": [[{"s": None, "i": 3}], [{"s": "z", "i": None}, {"s": None, "i": 4}], None],
        },
        schema={
            "a": pl.String,
            "b": pl.Int64,
            "c": pl.Struct({"k": pl.String, "v": pl.Int64}),
            "d": pl.List(item),
        },
    )
    assert encode_json(frame, omit_nulls=True).to_list() == [
        '{"b":1,"c":{"v":2},"d":[{"i":3}]}',
        '{"a":"x","c":{"k":"y"},"d":[{"s":"z"},{"i":4}]}',
        '{"c":{"k":"w","v":5}}',
    ]


def test_encode_json_omit_nulls_keeps_the_last_field_of_an_all_null_object() -> None:
    """The documented limit: an object whose fields are all null keeps its last one."""
    frame = pl.DataFrame(
        {"a": [None], "c": [{"k": None, "v": None}]},
        schema={"a": pl.Int64, "c": pl.Struct({"k": pl.String, "v": pl.Int64})},
    )
    assert encode_json(frame, omit_nulls=True).to_list() == ['{"c":{"v":null}}']
