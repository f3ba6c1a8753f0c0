"""Make clean generated records as messy as real exports, and record every defect made.

Real pulls from social and commerce APIs are never clean. The generator writes its clean
records through this module, which damages a documented share of lines
(:class:`~social_commerce.generate.config.MessRates`) in the ways real extracts go wrong:

* **re-pulls**: the same record fetched again later, with grown counters and a later
  ``pulled_at`` / ``updated_at`` (snapshot entities and entities without a pull stamp get exact
  duplicate lines instead). Staging keeps the latest pull.
* **late arrival**: a record first pulled 1-4 weeks after it was created.
* **malformed lines**: a line cut off mid-object (a broken write), and a few empty lines.
* **wrong types**: a number sent as ``"N/A"`` or ``"1.2K"``.
* **impossible values**: negative counts or money, a rating of 9.
* **missing keys**: the primary key sent as ``null``.
* **impossible timestamps**: a date in 2099 or at the Unix epoch.
* **unknown currencies**: ``XTS``, ``BTC``, ``ZZZ``.

Every damaged line gets exactly one defect, so the reason the warehouse gives when it
quarantines the line is known in advance: :func:`damage` returns it per defect, and the
orchestrator writes the counts to ``data/truth/injected_defects.parquet`` for the tests.
All operations are vectorized string operations on the encoded lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
import polars as pl

from social_commerce.generate.config import DAYS, START, MessRates

#: Latest instant a (late) pull may carry: three days after the window closes.
PULL_CAP = START + timedelta(days=DAYS + 3)

# How a field's value is written, which decides the literal used to damage it.
INT = "int"  # JSON number, a count
MONEY_STR = "money_str"  # JSON string holding a decimal ("12.50", Shopify style)
MONEY_NUM = "money_num"  # JSON number holding money
RATING = "rating"  # 1..5 integer

UNIX_S = "unix_s"  # integer seconds (TikTok)
UNIX_FLOAT = "unix_float"  # float seconds (Reddit)
UNIX_US = "unix_us"  # integer microseconds (GA4)
ISO_Z = "iso_z"  # 2026-01-05T18:04:11Z
ISO_OFFSET = "iso_offset"  # 2026-01-05T18:04:11-05:00 (Shopify)
ISO_IG = "iso_ig"  # 2026-01-05T18:04:11+0000 (Instagram Graph API)
DATE = "date"  # 2026-01-05

_WRONG_TYPE = {
    INT: ['"N/A"', '"1.2K"'],
    MONEY_STR: ['"N/A"', '"12,50"'],
    MONEY_NUM: ['"N/A"'],
    RATING: ['"five"'],
}
_IMPOSSIBLE = {INT: ["-1"], MONEY_STR: ['"-10.00"'], MONEY_NUM: ["-10.0"], RATING: ["9", "0"]}
_FUTURE_AND_EPOCH = {
    UNIX_S: ["4102444800", "0"],
    UNIX_FLOAT: ["4102444800.0", "0.0"],
    UNIX_US: ["4102444800000000", "0"],
    ISO_Z: ['"2099-01-01T00:00:00Z"', '"1970-01-01T00:00:00Z"'],
    ISO_OFFSET: ['"2099-01-01T00:00:00-05:00"', '"1970-01-01T00:00:00-05:00"'],
    ISO_IG: ['"2099-01-01T00:00:00+0000"', '"1970-01-01T00:00:00+0000"'],
    DATE: ['"2099-01-01"', '"1970-01-01"'],
}
_UNKNOWN_CURRENCIES = ['"XTS"', '"BTC"', '"ZZZ"']


@dataclass(frozen=True)
class DamageSpec:
    """Which fields of an entity may be damaged, and how they are written.

    ``key`` is the primary-key field (its first occurrence in a line is the record's own key);
    ``pull_field`` the stamp a re-pull moves later (``None``: duplicates are exact copies);
    ``snapshot`` marks entities whose every pull is a row of its own (duplicates are exact).
    """

    key: str
    pull_field: str | None = None
    pull_format: str = ISO_Z
    snapshot: bool = False
    grow_fields: tuple[str, ...] = ()
    numeric_fields: tuple[tuple[str, str], ...] = ()
    timestamp: tuple[str, str] | None = None
    currency_field: str | None = None
    #: Leave out fields whose value is null, as BigQuery's JSON export does (smaller files).
    omit_nulls: bool = False


#: Damage specs per raw entity (``source/entity``). Trends exports are left clean: Google
#: Trends files are small, machine-written and re-downloaded whole.
SPECS: dict[str, DamageSpec] = {
    "tiktok/user_info": DamageSpec(
        key="username",
        snapshot=True,
        numeric_fields=(("follower_count", INT), ("likes_count", INT), ("video_count", INT)),
    ),
    "tiktok/videos": DamageSpec(
        key="id",
        pull_field="pulled_at",
        grow_fields=("view_count", "like_count", "comment_count", "share_count"),
        numeric_fields=(("view_count", INT), ("like_count", INT), ("share_count", INT)),
        timestamp=("create_time", UNIX_S),
    ),
    "tiktok/comments": DamageSpec(
        key="id",
        pull_field="pulled_at",
        grow_fields=("like_count", "reply_count"),
        numeric_fields=(("like_count", INT),),
        timestamp=("create_time", UNIX_S),
    ),
    "instagram/accounts": DamageSpec(
        key="id",
        snapshot=True,
        numeric_fields=(("followers_count", INT), ("media_count", INT)),
    ),
    "instagram/media": DamageSpec(
        key="id",
        pull_field="pulled_at",
        grow_fields=("like_count", "comments_count"),
        numeric_fields=(("like_count", INT), ("comments_count", INT)),
        timestamp=("timestamp", ISO_IG),
    ),
    "x/tweets": DamageSpec(key="id", pull_field="pulled_at", timestamp=("created_at", ISO_Z)),
    "reddit/submissions": DamageSpec(
        key="id",
        pull_field="pulled_at",
        numeric_fields=(("num_comments", INT),),
        timestamp=("created_utc", UNIX_FLOAT),
    ),
    "reddit/comments": DamageSpec(
        key="id",
        pull_field="pulled_at",
        timestamp=("created_utc", UNIX_FLOAT),
    ),
    "shopify/products": DamageSpec(
        key="id",
        pull_field="updated_at",
        pull_format=ISO_OFFSET,
        timestamp=("created_at", ISO_OFFSET),
    ),
    "shopify/customers": DamageSpec(
        key="id",
        pull_field="updated_at",
        pull_format=ISO_OFFSET,
        timestamp=("created_at", ISO_OFFSET),
    ),
    "shopify/orders": DamageSpec(
        key="id",
        pull_field="updated_at",
        pull_format=ISO_OFFSET,
        numeric_fields=(("total_price", MONEY_STR), ("total_tax", MONEY_STR)),
        timestamp=("created_at", ISO_OFFSET),
        currency_field="currency",
    ),
    "ga4/events": DamageSpec(
        key="user_pseudo_id", timestamp=("event_timestamp", UNIX_US), omit_nulls=True
    ),
    "ads/daily_spend": DamageSpec(
        key="campaign_id",
        numeric_fields=(("spend", MONEY_NUM), ("clicks", INT)),
        timestamp=("date", DATE),
        currency_field="currency",
    ),
    "creator_contracts/contracts": DamageSpec(
        key="contract_id",
        numeric_fields=(("fee", MONEY_NUM),),
        timestamp=("start_date", DATE),
        currency_field="currency",
    ),
    "reviews/reviews": DamageSpec(
        key="id",
        pull_field="pulled_at",
        numeric_fields=(("rating", RATING),),
        timestamp=("created_at", ISO_Z),
    ),
    "resale/listings": DamageSpec(
        key="listing_id",
        pull_field="pulled_at",
        numeric_fields=(("list_price", MONEY_NUM),),
        timestamp=("listed_at", ISO_Z),
        currency_field="currency",
    ),
    "surveys/responses": DamageSpec(key="response_id", timestamp=("submitted_at", ISO_Z)),
    "experiments/assignments": DamageSpec(
        key="user_pseudo_id",
        timestamp=("assigned_at", ISO_Z),
    ),
}


@dataclass
class Damaged:
    """Lines after damage, and the defects made (one dict per defect kind and field)."""

    lines: pl.Series
    #: Position in the clean frame of each output line (duplicates repeat their original's).
    origin: np.ndarray
    defects: list[dict[str, object]] = field(default_factory=list)


def _value_pattern(name: str) -> str:
    """Regex matching ``"name":<json scalar>`` (the first occurrence is replaced)."""
    return rf'"{name}":\s*("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*|null|true|false)'


def _count(rate: float, n: int, rows: int) -> int:
    """Rows to damage: at least one when the entity is big enough to spare it."""
    wanted = round(rate * n)
    return max(wanted, 1) if rows >= 50 and rate > 0 else wanted


def _shift_stamp(values: pl.Series, fmt: str, seconds: np.ndarray) -> pl.Series:
    """Move timestamp strings later by ``seconds`` (capped at :data:`PULL_CAP`), same format."""
    if fmt == ISO_OFFSET:
        parsed = values.str.to_datetime("%Y-%m-%dT%H:%M:%S%:z", time_zone="UTC")
    else:
        parsed = values.str.to_datetime(time_zone="UTC", strict=False)
    moved = parsed + pl.Series(seconds.astype("int64") * 1_000_000).cast(pl.Duration("us"))
    cap = pl.lit(PULL_CAP).dt.convert_time_zone("UTC")
    moved = pl.select(pl.min_horizontal(moved, cap)).to_series()
    moved = pl.select(pl.max_horizontal(moved, parsed)).to_series()
    if fmt == ISO_OFFSET:
        local = moved.dt.convert_time_zone("America/New_York")
        return local.dt.strftime("%Y-%m-%dT%H:%M:%S%:z")
    return moved.dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _repulls(
    frame: pl.DataFrame, spec: DamageSpec, rows: np.ndarray, rng: np.random.Generator
) -> pl.DataFrame:
    """Later re-pulls of ``rows``: counters grown a little, pull stamp 1-96 hours later."""
    copies = frame[rows]
    if spec.pull_field is None or spec.snapshot or copies.height == 0:
        return copies
    hours = rng.integers(1, 97, copies.height) * 3600
    updates = [
        _shift_stamp(copies[spec.pull_field], spec.pull_format, hours).alias(spec.pull_field)
    ]
    for name in spec.grow_fields:
        growth = 1.0 + rng.uniform(0.0, 0.15, copies.height)
        updates.append(
            (copies[name].cast(pl.Float64) * growth).round(0).cast(copies[name].dtype).alias(name)
        )
    return copies.with_columns(updates)


def _late(
    frame: pl.DataFrame, spec: DamageSpec, rows: np.ndarray, rng: np.random.Generator
) -> pl.DataFrame:
    """First pull 7-30 days later than usual for ``rows`` (late-arriving records)."""
    if spec.pull_field is None or spec.snapshot or len(rows) == 0:
        return frame
    days = rng.integers(7, 31, len(rows)) * 86_400
    late = _shift_stamp(frame[spec.pull_field][rows], spec.pull_format, days)
    column = frame[spec.pull_field].scatter(rows, late)
    return frame.with_columns(column)


def encode_json(frame: pl.DataFrame, omit_nulls: bool = False) -> pl.Series:
    """One JSON object per row, field order as the frame's columns.

    With ``omit_nulls``, object fields whose value is null are left out (``{"a":null,"b":1}``
    becomes ``{"b":1}``), except that an object whose fields are all null keeps its last one
    (``{"a":null,"b":null}`` becomes ``{"b":null}``). Only for frames whose strings never hold
    ``"name":null`` themselves.
    """
    line = pl.struct(pl.all()).struct.json_encode()
    if omit_nulls:
        # One pass: a null field followed by a comma, or else one preceded by a comma (the last
        # field of an object). ASCII-only classes ((?-u)): keys are ASCII, and Unicode \w is slower.
        line = line.str.replace_all(r'(?-u)"[A-Za-z_]\w*":null,|,"[A-Za-z_]\w*":null', "")
    return frame.select(line.alias("line")).to_series()


def encode_csv(frame: pl.DataFrame) -> pl.Series:
    """One unquoted CSV line per row (our CSV values never hold commas)."""
    cols = [pl.col(name).cast(pl.String).fill_null("") for name in frame.columns]
    return frame.select(pl.concat_str(cols, separator=",").alias("line")).to_series()


def damage(
    entity: str, frame: pl.DataFrame, fmt: str, rates: MessRates, rng: np.random.Generator
) -> Damaged:
    """Encode ``frame`` as lines of ``fmt`` ("jsonl" or "csv") with defects at ``rates``.

    Returns the lines (originals in their order, damaged in place, re-pulls appended) and the
    list of defects made with the quarantine reason the warehouse must give each.
    """
    spec = SPECS.get(entity)
    n = frame.height
    if spec is None or n == 0:
        lines = encode_json(frame) if fmt == "jsonl" else encode_csv(frame)
        return Damaged(lines, np.arange(n))
    order = rng.permutation(n)
    taken = 0

    def take(rate: float) -> np.ndarray:
        nonlocal taken
        count = min(_count(rate, n, n), n - taken)
        chosen = np.sort(order[taken : taken + count])
        taken += count
        return chosen

    # Choose disjoint rows per defect first, so every damaged line has exactly one defect.
    plan: list[tuple[str, str, str, np.ndarray, list[str]]] = []  # kind, field, reason, rows, lits
    malformed_rows = take(rates.malformed_line)
    missing_rows = take(rates.missing_key)
    plan.append(("missing_key", spec.key, f"missing_key:{spec.key}", missing_rows, ["null"]))
    if spec.numeric_fields:
        wrong = take(rates.wrong_type)
        impossible = take(rates.impossible_value)
        for i, (name, kind) in enumerate(spec.numeric_fields):
            share = len(spec.numeric_fields)
            plan.append(
                ("wrong_type", name, f"invalid_type:{name}", wrong[i::share], _WRONG_TYPE[kind])
            )
            plan.append(
                (
                    "impossible_value",
                    name,
                    f"impossible_value:{name}",
                    impossible[i::share],
                    _IMPOSSIBLE[kind],
                )
            )
    if spec.timestamp is not None:
        name, kind = spec.timestamp
        plan.append(
            (
                "impossible_timestamp",
                name,
                f"impossible_timestamp:{name}",
                take(rates.impossible_value),
                _FUTURE_AND_EPOCH[kind],
            )
        )
    if spec.currency_field is not None:
        plan.append(
            (
                "unknown_currency",
                spec.currency_field,
                "unknown_currency",
                take(rates.unknown_currency),
                _UNKNOWN_CURRENCIES,
            )
        )
    late_rows = take(rates.late_arrival) if spec.pull_field and not spec.snapshot else order[:0]
    repull_rows = np.sort(order[taken:][: _count(rates.duplicate_repull, n, n)])

    frame = _late(frame, spec, late_rows, rng)
    duplicates = _repulls(frame, spec, repull_rows, rng)

    if fmt == "csv":
        lines = _damage_csv(frame, plan)
    else:
        lines = encode_json(frame, spec.omit_nulls)
        for _kind, name, _reason, rows, literals in plan:
            for i, literal in enumerate(literals):
                these = rows[i :: len(literals)]
                if len(these) == 0:
                    continue
                before = lines.gather(these)
                after = before.str.replace(_value_pattern(name), f'"{name}":{literal}')
                if (after == before).any():
                    raise ValueError(f"{entity}: field {name!r} missing from some lines to damage")
                lines = lines.scatter(these, after)

    defects: list[dict[str, object]] = [
        {
            "entity": entity,
            "defect": kind,
            "field": name,
            "expected_reason": reason,
            "rows": len(rows),
        }
        for kind, name, reason, rows, _ in plan
        if len(rows)
    ]
    if len(malformed_rows):
        empty = malformed_rows[::10]
        cut = np.setdiff1d(malformed_rows, empty)
        lengths = lines.gather(cut).str.len_chars().to_numpy()
        keep = np.maximum(1, (lengths * rng.uniform(0.2, 0.8, len(cut))).astype(np.int64))
        if fmt == "csv":
            truncated = _drop_last_fields(lines.gather(cut))
        else:
            truncated = pl.select(
                pl.lit(lines.gather(cut)).str.slice(0, pl.Series(keep))
            ).to_series()
        lines = lines.scatter(cut, truncated)
        lines = lines.scatter(empty, pl.Series([""] * len(empty)))
        bad = "malformed_csv" if fmt == "csv" else "malformed_json"
        defects.append(
            {
                "entity": entity,
                "defect": "malformed_line",
                "field": "",
                "expected_reason": bad,
                "rows": len(cut),
            }
        )
        defects.append(
            {
                "entity": entity,
                "defect": "empty_line",
                "field": "",
                "expected_reason": "empty_line",
                "rows": len(empty),
            }
        )
    if spec.pull_field and not spec.snapshot and len(late_rows):
        defects.append(
            {
                "entity": entity,
                "defect": "late_arrival",
                "field": spec.pull_field,
                "expected_reason": "",
                "rows": len(late_rows),
            }
        )
    if duplicates.height:
        dup_lines = (
            encode_json(duplicates, spec.omit_nulls) if fmt == "jsonl" else encode_csv(duplicates)
        )
        lines = pl.concat([lines, dup_lines])
        defects.append(
            {
                "entity": entity,
                "defect": "duplicate_repull"
                if spec.pull_field and not spec.snapshot
                else "duplicate_exact",
                "field": spec.key,
                "expected_reason": "",
                "rows": duplicates.height,
            }
        )
    origin = np.concatenate([np.arange(n), repull_rows])
    defects = [defect for defect in defects if defect["rows"]]
    return Damaged(lines.rename("line"), origin, defects)


def _damage_csv(
    frame: pl.DataFrame, plan: list[tuple[str, str, str, np.ndarray, list[str]]]
) -> pl.Series:
    """CSV variant: damage the string columns, then encode (literals lose their JSON quotes)."""
    text = frame.with_columns(pl.all().cast(pl.String))
    for _kind, name, _reason, rows, literals in plan:
        if len(rows) == 0:
            continue
        plain = [lit.strip('"') if lit != "null" else "" for lit in literals]
        values = np.array(plain, dtype=object)[np.arange(len(rows)) % len(plain)]
        text = text.with_columns(text[name].scatter(rows, pl.Series(values.astype(str))))
    return encode_csv(text)


def _drop_last_fields(lines: pl.Series) -> pl.Series:
    """Cut a CSV line before its second-to-last separator, so its field count is wrong."""
    frame = pl.DataFrame({"parts": lines.str.split(",")})
    return frame.select(
        pl.col("parts").list.slice(0, pl.col("parts").list.len() - 2).list.join(",")
    ).to_series()
