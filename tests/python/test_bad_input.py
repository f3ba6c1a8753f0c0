"""Bad input suite: the test-scale raw extracts, corrupted in the ways real exports go wrong.

A copy of the test raw (``SCW_TEST_RAW``) gets bad lines inserted at the start, in the middle and
at the end of several JSONL and CSV extracts: cut-off and invalid JSON, wrong CSV field counts,
empty lines, null and empty keys, wrong types, negative and absurd amounts and counts, future
and ancient dates, unknown currencies, SQL-looking, very long and emoji texts, and duplicate keys
with conflicting values; plus empty extra daily files. The copy is built from scratch
(``dbt build``, its tests included, into a scratch ``warehouse.duckdb``) and checked against the
baseline test build (``SCW_TEST_WAREHOUSE``) from the clean raw:

- every injected line is in its entity's quarantine, verbatim, with the expected reason; a legal
  but odd record (emoji, SQL-looking and 100,000-character texts) is staged verbatim;
- raw lines = staged + quarantined + duplicates removed, exactly, per entity;
- every mart is identical, row for row, to the baseline's (nothing from a bad line reaches them).

Duplicate keys with conflicting values (README, Reliability): the latest pull wins (``pulled_at``,
``updated_at`` for Shopify, the first assignment for experiments), so an older conflicting pull
is removed as a duplicate and never reaches a mart. Ads and contract rows carry no pull time:
there only identical re-exports are duplicates (a conflicting one is resolved by line hash, which
is reproducible but arbitrary; see README).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from social_commerce.cli import main
from social_commerce.contract import ENTITY_BY_KEY, RAW_ENTITIES, RawEntity
from social_commerce.rawcheck import first_invalid_utf8_line

from .conftest import ROOT, BuildPaths
from .frame_compare import rows_differ

STAGED, DUPLICATE = "staged", "duplicate"
SQL_TEXT = "Robert'); DROP TABLE staging.stg_shopify__orders; -- \" ; select 1/0; --"
EMOJI_TEXT = "Zoë 😀🔥🧴✨ 👩🏽‍💻 تسوق 買い物"
# CSV fields hold the SQL-looking text with a comma (a quoted field) but no double quote.
SQL_CSV_TEXT = "x'); DROP TABLE staging.stg_ads__daily_spend; --, with a comma"
LONG_TEXT = ("vip, " + "🧴 long tag " * 9_000)[:100_000]
PII_SALT = os.environ.get("SCW_PII_SALT", "scw-demo-salt")
# Mart columns stamped with the time of the build, not computed from data.
BUILD_TIME_COLUMNS = ["computed_at"]
# Google Trends files are pivoted (one staged row per term and day), not one row per line.
LINE_ENTITIES = [e for e in RAW_ENTITIES if e.key != "trends/interest_over_time"]


def _js(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _cut(record: dict[str, Any]) -> str:
    text = _js(record)
    return text[: len(text) // 2]


def _shift(iso: str, **delta: float) -> str:
    """An ISO 8601 timestamp moved by ``delta`` (keeps its offset; ``Z`` stays ``Z``)."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00")) + timedelta(**delta)
    text = moment.isoformat(timespec="seconds")
    return text.replace("+00:00", "Z") if iso.endswith("Z") else text


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


@dataclass
class Corruption:
    """Lines to insert into one entity's file, each with what staging must do with it."""

    entity: RawEntity
    lines: list[tuple[str, str]] = field(default_factory=list)

    def add(self, line: str, outcome: str) -> None:
        self.lines.append((line, outcome))


def _read_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _staged_keys(con: duckdb.DuckDBPyConnection, table: str, key: str) -> set[str]:
    return {row[0] for row in con.sql(f"select cast({key} as varchar) from {table}").fetchall()}


def _pick_json(
    path: Path, key: Callable[[dict[str, Any]], str], staged: set[str], ok=lambda r: True
) -> dict[str, Any]:
    """A staged record that appears on one line only: the base of the bad lines."""
    records = []
    for line in _read_lines(path):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    counts = Counter(str(key(r)) for r in records)
    for record in records:
        if counts[str(key(record))] == 1 and str(key(record)) in staged and ok(record):
            return record
    raise AssertionError(f"no usable staged record in {path}")


def _pick_csv(
    path: Path, key: Callable[[dict[str, str]], str], staged: set[str]
) -> tuple[list[str], dict[str, str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header, body = rows[0], [r for r in rows[1:] if len(r) == len(rows[0])]
    dicts = [dict(zip(header, r, strict=True)) for r in body]
    counts = Counter(key(d) for d in dicts)
    for row in dicts:
        if counts[key(row)] == 1 and key(row) in staged and all(row.values()):
            return header, row
    raise AssertionError(f"no usable staged row in {path}")


def _corruptions(raw: Path, base: duckdb.DuckDBPyConnection) -> list[Corruption]:
    """Every bad line, declared with its expected outcome, built from real staged records."""
    out = []

    # Shopify orders ------------------------------------------------------------------------
    orders = Corruption(ENTITY_BY_KEY["shopify/orders"])
    order = _pick_json(
        raw / "shopify/orders.jsonl",
        lambda r: r["id"],
        _staged_keys(base, "staging.stg_shopify__orders", "order_id"),
        ok=lambda r: r["currency"] == "USD" and r["updated_at"] > r["created_at"],
    )

    def bad_order(n: int, **changes: Any) -> dict[str, Any]:
        return {**order, "id": 990_000_000_000 + n, "name": f"#99{n}", **changes}

    orders.add(_cut(bad_order(1)), "malformed_json")
    orders.add('{"id": 990000000002, "name": "#992", "total_price": }', "malformed_json")
    orders.add("[1, 2, 3]", "malformed_json")
    orders.add('"just a string"', "malformed_json")
    orders.add("", "empty_line")
    orders.add("   \t", "empty_line")
    orders.add("{}", "missing_key:id")
    orders.add(_js(bad_order(3, id=None)), "missing_key:id")
    orders.add(_js(bad_order(4, id="  ")), "missing_key:id")
    orders.add(_js(bad_order(5, line_items="abc")), "missing_field:line_items")
    orders.add(_js(bad_order(6, total_price="N/A", name=SQL_TEXT)), "invalid_type:total_price")
    orders.add(_js(bad_order(7, created_at="yesterday")), "invalid_type:created_at")
    orders.add(_js(bad_order(8, total_price="-5.00")), "impossible_value:total_price")
    orders.add(_js(bad_order(9, total_price="99999999999.00")), "impossible_value:total_price")
    orders.add(
        _js(bad_order(10, created_at="2099-01-01T00:00:00-05:00")),
        "impossible_timestamp:created_at",
    )
    orders.add(
        _js(bad_order(11, created_at="1970-01-01T00:00:00Z")), "impossible_timestamp:created_at"
    )
    orders.add(_js(bad_order(12, currency="XXX")), "unknown_currency")
    older = {
        **order,
        "total_price": "1.00",
        "financial_status": "refunded",
        "updated_at": _shift(order["updated_at"], minutes=-1),
    }
    orders.add(_js(older), DUPLICATE)
    out.append(orders)

    # Shopify customers: the staged odd record (emoji, SQL-looking, very long texts) -----------
    customers = Corruption(ENTITY_BY_KEY["shopify/customers"])
    customer = _pick_json(
        raw / "shopify/customers.jsonl",
        lambda r: r["id"],
        _staged_keys(base, "staging.stg_shopify__customers", "customer_id"),
        ok=lambda r: bool(r.get("updated_at")),
    )
    odd = {
        **customer,
        "id": 990_000_000_100,
        "email": "zoe.odd+test@example.com",
        "first_name": EMOJI_TEXT,
        "last_name": SQL_TEXT,
        "tags": LONG_TEXT + SQL_TEXT + EMOJI_TEXT,
    }
    customers.add(_js(odd), STAGED)
    customers.add(_js({**odd, "id": 990_000_000_101, "email": None}), "missing_field:email")
    customers.add(
        _js({**odd, "id": 990_000_000_102, "created_at": "2099-12-31T00:00:00Z"}),
        "impossible_timestamp:created_at",
    )
    customers.add(
        _js(
            {
                **customer,
                "first_name": "Someone Else",
                "updated_at": _shift(customer["updated_at"], minutes=-1),
            }
        ),
        DUPLICATE,
    )
    out.append(customers)

    # Reviews -------------------------------------------------------------------------------
    reviews = Corruption(ENTITY_BY_KEY["reviews/reviews"])
    review = _pick_json(
        raw / "reviews/reviews.jsonl",
        lambda r: r["id"],
        _staged_keys(base, "staging.stg_reviews__reviews", "review_id"),
    )

    def bad_review(n: int, **changes: Any) -> dict[str, Any]:
        return {**review, "id": f"zz-bad-{n}", **changes}

    reviews.add(_cut(bad_review(1)), "malformed_json")
    reviews.add(_js(bad_review(2, id=None)), "missing_key:id")
    reviews.add(_js(bad_review(3, body=None, title=SQL_TEXT)), "missing_field:body")
    reviews.add(_js(bad_review(4, rating="five")), "invalid_type:rating")
    reviews.add(_js(bad_review(5, rating=6)), "impossible_value:rating")
    reviews.add(_js(bad_review(6, rating=-1)), "impossible_value:rating")
    reviews.add(
        _js(bad_review(7, created_at="2099-01-01T00:00:00Z")), "impossible_timestamp:created_at"
    )
    reviews.add(
        _js(bad_review(8, created_at="0001-01-01T00:00:00Z")), "impossible_timestamp:created_at"
    )
    reviews.add(
        _js(
            {**review, "body": "changed my mind " + EMOJI_TEXT, "rating": 1}
            | {"pulled_at": _shift(review["pulled_at"], minutes=-1)}
        ),
        DUPLICATE,
    )
    out.append(reviews)

    # Resale listings -----------------------------------------------------------------------
    resale = Corruption(ENTITY_BY_KEY["resale/listings"])
    listing = _pick_json(
        raw / "resale/listings.jsonl",
        lambda r: r["listing_id"],
        _staged_keys(base, "staging.stg_resale__listings", "listing_id"),
        ok=lambda r: r["currency"] == "USD",
    )

    def bad_listing(n: int, **changes: Any) -> dict[str, Any]:
        return {**listing, "listing_id": f"zz-bad-{n}", **changes}

    resale.add(_cut(bad_listing(1)), "malformed_json")
    resale.add(_js(bad_listing(2, listing_id="")), "missing_key:listing_id")
    resale.add(_js(bad_listing(3, list_price="12,50")), "invalid_type:list_price")
    resale.add(_js(bad_listing(4, list_price=-1.0)), "impossible_value:list_price")
    resale.add(_js(bad_listing(5, list_price=45_000_000.0)), "impossible_value:list_price")
    resale.add(
        _js(bad_listing(6, listed_at="1970-01-01T00:00:00Z")), "impossible_timestamp:listed_at"
    )
    resale.add(
        _js(bad_listing(7, listed_at="2099-01-01T00:00:00Z")), "impossible_timestamp:listed_at"
    )
    resale.add(_js(bad_listing(8, currency="DOGE")), "unknown_currency")
    resale.add(_js(bad_listing(9, platform="vinted", title=SQL_TEXT)), "invalid_value:platform")
    resale.add(
        _js(
            {
                **listing,
                "list_price": 1.0,
                "pulled_at": _shift(listing["pulled_at"], minutes=-1),
            }
        ),
        DUPLICATE,
    )
    out.append(resale)

    # Survey responses ----------------------------------------------------------------------
    surveys = Corruption(ENTITY_BY_KEY["surveys/responses"])
    response = _pick_json(
        raw / "surveys/responses.jsonl",
        lambda r: r["response_id"],
        _staged_keys(base, "staging.stg_surveys__responses", "response_id"),
        ok=lambda r: (
            {a["question_id"] for a in r["answers"]}
            >= {"influence", "satisfaction", "regret", "kept_status", "age_band", "gender"}
        ),
    )

    def bad_response(n: int, answer: dict[str, str] | None = None, **changes: Any) -> str:
        answers = [
            {**a, "value": (answer or {}).get(a["question_id"], a["value"])}
            for a in response["answers"]
        ]
        return _js({**response, "response_id": f"zz-bad-{n}", "answers": answers, **changes})

    surveys.add("{'response_id': 'single-quoted', 'order_id': 1}", "malformed_json")
    surveys.add(bad_response(1, response_id=None), "missing_key:response_id")
    surveys.add(bad_response(2, {"satisfaction": "7"}), "impossible_value:answers.satisfaction")
    surveys.add(bad_response(3, {"regret": "very"}), "invalid_type:answers.regret")
    surveys.add(
        bad_response(4, submitted_at="1999-12-31T23:59:59Z"),
        "impossible_timestamp:submitted_at",
    )
    surveys.add(
        bad_response(5, submitted_at="2099-01-01T00:00:00Z"),
        "impossible_timestamp:submitted_at",
    )
    surveys.add(bad_response(6, {"influence": "tiktok"}), "invalid_value:answers.influence")
    surveys.add(
        _js(
            {
                **response,
                "answers": [{"question_id": "comment", "value": SQL_TEXT}],
                "submitted_at": _shift(response["submitted_at"], minutes=-1),
            }
        ),
        DUPLICATE,
    )
    out.append(surveys)

    # X tweets ------------------------------------------------------------------------------
    tweets = Corruption(ENTITY_BY_KEY["x/tweets"])
    tweet = _pick_json(
        raw / "x/tweets.jsonl",
        lambda r: r["id"],
        _staged_keys(base, "staging.stg_x__tweets", "tweet_id"),
    )
    tweets.add(_cut({**tweet, "id": "990000000000000001"}), "malformed_json")
    tweets.add(_js({**tweet, "id": None}), "missing_key:id")
    tweets.add(_js({**tweet, "id": "990000000000000002", "text": None}), "missing_field:text")
    tweets.add(
        _js({**tweet, "id": "990000000000000003", "created_at": "1970-01-01T00:00:00.000Z"}),
        "impossible_timestamp:created_at",
    )
    tweets.add(_exact_json_line(raw / "x/tweets.jsonl", tweet), DUPLICATE)  # identical re-pull
    metrics = tweet["public_metrics"]
    tweets.add(
        # a Unix timestamp in milliseconds keyed into a count: beyond `max_plausible_count`
        _js(
            {**tweet, "id": "990000000000000004"}
            | {"public_metrics": {**metrics, "like_count": 1_767_225_600_000}}
        ),
        "impossible_value:public_metrics.like_count",
    )
    out.append(tweets)

    # TikTok videos -------------------------------------------------------------------------
    videos = Corruption(ENTITY_BY_KEY["tiktok/videos"])
    video = _pick_json(
        raw / "tiktok/videos.jsonl",
        lambda r: r["id"],
        _staged_keys(base, "staging.stg_tiktok__videos", "video_id"),
    )

    def bad_video(n: int, **changes: Any) -> dict[str, Any]:
        return {**video, "id": str(990_000_000_000_000_000 + n), **changes}

    videos.add(_cut(bad_video(1)), "malformed_json")
    videos.add(_js(bad_video(2, view_count="1.2K")), "invalid_type:view_count")
    videos.add(_js(bad_video(3, like_count=-4)), "impossible_value:like_count")
    videos.add(_js(bad_video(4, view_count=99_999_999_999)), "impossible_value:view_count")
    out.append(videos)

    # Ads daily spend (CSV) -----------------------------------------------------------------
    ads = Corruption(ENTITY_BY_KEY["ads/daily_spend"])
    header, spend = _pick_csv(
        raw / "ads/daily_spend.csv",
        lambda r: f"{r['date']}|{r['platform']}|{r['campaign_id']}",
        _staged_keys(
            base,
            "staging.stg_ads__daily_spend",
            "concat_ws('|', cast(spend_date as varchar), platform, campaign_id)",
        ),
    )
    spend_line = _exact_line(raw / "ads/daily_spend.csv", spend, header)

    def bad_spend(n: int, **changes: str) -> str:
        row = {**spend, "campaign_id": f"zz-bad-{n}", "currency": "USD", **changes}
        return _csv_line([row[column] for column in header])

    ads.add(_csv_line([spend[c] for c in header[:-2]]), "malformed_csv")
    ads.add(bad_spend(1) + ",extra", "malformed_csv")
    ads.add("", "empty_line")
    ads.add(bad_spend(2, campaign_id=""), "missing_key:campaign_id")
    ads.add(bad_spend(3, spend="N/A", campaign_name=SQL_CSV_TEXT), "invalid_type:spend")
    ads.add(bad_spend(4, date="13/01/2026"), "invalid_type:date")
    ads.add(bad_spend(5, spend="-3.00"), "impossible_value:spend")
    ads.add(bad_spend(6, spend="5000000.00"), "impossible_value:spend")
    ads.add(bad_spend(7, date="2099-01-01"), "impossible_timestamp:date")
    ads.add(bad_spend(8, date="1900-01-01"), "impossible_timestamp:date")
    ads.add(bad_spend(9, currency="XBT"), "unknown_currency")
    ads.add(bad_spend(10, platform="snapchat"), "invalid_value:platform")
    ads.add(spend_line, DUPLICATE)  # an identical re-export
    out.append(ads)

    # Creator contracts (CSV) ---------------------------------------------------------------
    contracts = Corruption(ENTITY_BY_KEY["creator_contracts/contracts"])
    header, contract = _pick_csv(
        raw / "creator_contracts/contracts.csv",
        lambda r: r["contract_id"],
        _staged_keys(base, "staging.stg_creator_contracts__contracts", "contract_id"),
    )
    contract_line = _exact_line(raw / "creator_contracts/contracts.csv", contract, header)

    def bad_contract(n: int, **changes: str) -> str:
        row = {**contract, "contract_id": f"ZZ-BAD-{n}", "currency": "USD", **changes}
        return _csv_line([row[column] for column in header])

    contracts.add(bad_contract(1)[:20], "malformed_csv")
    contracts.add(bad_contract(2, contract_id=""), "missing_key:contract_id")
    contracts.add(bad_contract(3, fee="1.2K"), "invalid_type:fee")
    contracts.add(bad_contract(4, fee="-10"), "impossible_value:fee")
    contracts.add(bad_contract(5, fee="250000000.00"), "impossible_value:fee")
    contracts.add(bad_contract(6, start_date="1970-01-01"), "impossible_timestamp:start_date")
    contracts.add(
        bad_contract(7, start_date="2026-03-01", end_date="2026-02-01"),
        "impossible_timestamp:end_date",
    )
    contracts.add(bad_contract(8, currency="ZZZ"), "unknown_currency")
    contracts.add(contract_line, DUPLICATE)  # an identical re-export
    out.append(contracts)

    # Experiment assignments (CSV): the first assignment of a user wins ---------------------
    experiments = Corruption(ENTITY_BY_KEY["experiments/assignments"])
    header, assignment = _pick_csv(
        raw / "experiments/assignments.csv",
        lambda r: f"{r['experiment_id']}|{r['user_pseudo_id']}",
        _staged_keys(
            base,
            "staging.stg_experiments__assignments",
            "concat_ws('|', experiment_id, user_pseudo_id)",
        ),
    )

    def bad_assignment(**changes: str) -> str:
        row = {**assignment, **changes}
        return _csv_line([row[column] for column in header])

    experiments.add(bad_assignment(experiment_id=""), "missing_key:experiment_id")
    experiments.add(
        bad_assignment(user_pseudo_id="zz.1", assigned_at="2099-01-01T00:00:00Z"),
        "impossible_timestamp:assigned_at",
    )
    experiments.add(bad_assignment(user_pseudo_id="zz.2", platform="tv"), "invalid_value:platform")
    experiments.add(
        bad_assignment(
            variant="control" if assignment["variant"] != "control" else "treatment",
            assigned_at=_shift(assignment["assigned_at"], hours=1),
        ),
        DUPLICATE,
    )
    out.append(experiments)
    return out


def _exact_line(path: Path, row: dict[str, str], header: list[str]) -> str:
    """The raw line of ``row`` as it is in the file (for an identical re-export of it)."""
    values = [row[column] for column in header]
    for line in _read_lines(path)[1:]:
        if next(csv.reader([line]), None) == values:
            return line
    raise AssertionError(f"{values} not found in {path}")


def _exact_json_line(path: Path, record: dict[str, Any]) -> str:
    """The raw line of ``record`` as it is in the file (for an identical re-pull of it)."""
    for line in _read_lines(path):
        try:
            if json.loads(line) == record:
                return line
        except ValueError:
            continue
    raise AssertionError(f"record not found in {path}")


def _insert(path: Path, new_lines: list[str], has_header: bool) -> None:
    """Spread ``new_lines`` over the file: first data line, middle, end, and in between."""
    lines = _read_lines(path)
    start = 1 if has_header else 0
    for index, line in enumerate(new_lines):
        body = len(lines) - start
        position = start + (0 if index == 0 else (index * 7919) % (body + 1))
        lines.insert(position, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class CorruptedBuild:
    raw: Path
    warehouse: Path
    corruptions: list[Corruption]


@pytest.fixture(scope="module")
def corrupted(
    test_build: BuildPaths, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CorruptedBuild]:
    """The test raw with every corruption injected, built from scratch with `dbt build`."""
    folder = tmp_path_factory.mktemp("bad_input")
    raw = folder / "raw"
    shutil.copytree(test_build.raw, raw)
    with duckdb.connect(str(test_build.warehouse), read_only=True) as base:
        corruptions = _corruptions(test_build.raw, base)
    for corruption in corruptions:
        (path,) = corruption.entity.files(raw)
        _insert(path, [line for line, _ in corruption.lines], corruption.entity.fmt == "csv")
    # empty extra daily files: an export day with no records builds with zero rows from it
    (raw / "ga4/events_20991231.jsonl").write_bytes(b"")
    (raw / "trends/interest_over_time_99.csv").write_bytes(b"")

    warehouse = folder / "warehouse.duckdb"  # same database name as the baseline file
    env = {
        **os.environ,
        "SCW_RAW_DIR": str(raw),
        "SCW_TRUTH_DIR": str(test_build.truth),
        "SCW_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    dbt = str(Path(sys.executable).parent / "dbt")
    result = subprocess.run(
        [dbt, "build", "--quiet", "--target-path", str(folder / "target")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield CorruptedBuild(raw, warehouse, corruptions)


@pytest.fixture(scope="module")
def compare(
    corrupted: CorruptedBuild, test_build: BuildPaths
) -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection with the corrupted build as `bad` and the baseline as `base`."""
    con = duckdb.connect()
    con.execute(f"attach '{corrupted.warehouse}' as bad (read_only)")
    con.execute(f"attach '{test_build.warehouse}' as base (read_only)")
    yield con
    con.close()


def _stg(entity: RawEntity) -> str:
    return f"staging.stg_{entity.source}__{entity.entity}"


def _count(warehouse: Path, table: str) -> int:
    """Rows of a table or view, read through the warehouse's own connection: staging views (GA4)
    name the catalog `warehouse`, which an attached copy under another name does not resolve."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(f"select count(*) from {table}").fetchone()[0]


def test_every_bad_line_is_quarantined_verbatim_with_its_reason(
    corrupted: CorruptedBuild, compare: duckdb.DuckDBPyConnection
) -> None:
    for corruption in corrupted.corruptions:
        table = f"{_stg(corruption.entity)}_quarantine"
        query = f"select reject_reason, raw_line from {{db}}.{table}"
        bad = Counter(compare.sql(query.format(db="bad")).fetchall())
        base = Counter(compare.sql(query.format(db="base")).fetchall())
        expected = Counter(
            (outcome, line if line.strip() else None)
            for line, outcome in corruption.lines
            if outcome not in (STAGED, DUPLICATE)
        )
        # blank lines are read as null, or kept as they are (whitespace): either is verbatim
        found: Counter[tuple[str, str | None]] = Counter()
        for (reason, line), count in (bad - base).items():
            found[(reason, line if line is not None and line.strip() else None)] += count
        assert found == expected, corruption.entity.key
        assert not base - bad, f"{corruption.entity.key}: a baseline quarantine row is gone"


def test_odd_but_legal_texts_are_staged_verbatim(compare: duckdb.DuckDBPyConnection) -> None:
    row = compare.sql(
        "select tags, first_name_hash, last_name_hash from bad.staging.stg_shopify__customers "
        "where customer_id = '990000000100'"
    ).fetchall()
    tags = LONG_TEXT + SQL_TEXT + EMOJI_TEXT  # staged split on commas and trimmed
    assert row == [
        (
            [tag.strip(" ") for tag in tags.split(",") if tag.strip(" ")],
            hashlib.sha256((PII_SALT + EMOJI_TEXT.strip().lower()).encode()).hexdigest(),
            hashlib.sha256((PII_SALT + SQL_TEXT.strip().lower()).encode()).hexdigest(),
        )
    ]
    # and the SQL in it ran nowhere: every staging table is still there
    assert (
        compare.sql(
            "select count(*) from information_schema.tables "
            "where table_catalog = 'bad' and table_schema = 'staging'"
        ).fetchone()
        == compare.sql(
            "select count(*) from information_schema.tables "
            "where table_catalog = 'base' and table_schema = 'staging'"
        ).fetchone()
    )


def _raw_lines(entity: RawEntity, raw: Path) -> int:
    total = 0
    for path in entity.files(raw):
        with path.open("rb") as handle:
            lines = sum(1 for _ in handle)
        total += lines - (1 if entity.fmt == "csv" and lines else 0)  # header line
    return total


@pytest.mark.parametrize("entity", LINE_ENTITIES, ids=lambda e: e.key)
def test_raw_lines_are_staged_quarantined_or_deduplicated(
    entity: RawEntity,
    corrupted: CorruptedBuild,
    test_build: BuildPaths,
    compare: duckdb.DuckDBPyConnection,
) -> None:
    defects = pl.read_parquet(test_build.truth / "injected_defects.parquet").filter(
        (pl.col("entity") == entity.key) & pl.col("defect").str.starts_with("duplicate")
    )
    injected = [c for c in corrupted.corruptions if c.entity == entity]
    duplicates = int(defects["rows"].sum()) + sum(
        outcome == DUPLICATE for c in injected for _, outcome in c.lines
    )
    staged = _count(corrupted.warehouse, _stg(entity))
    quarantined = _count(corrupted.warehouse, f"{_stg(entity)}_quarantine")
    lines = _raw_lines(entity, corrupted.raw)
    assert lines == staged + quarantined + duplicates, (lines, staged, quarantined, duplicates)
    base_staged = _count(test_build.warehouse, _stg(entity))
    assert staged == base_staged + sum(
        outcome == STAGED for c in injected for _, outcome in c.lines
    )


# Marts that describe the input and the build itself (raw lines, quarantine reasons, file ages):
# they must change with the bad lines; test_data_quality_marts_count_the_bad_lines checks how.
INPUT_DESCRIBING_MARTS = {
    "data_quality_row_counts",
    "data_quality_quarantine_reasons",
    "data_quality_freshness",
}


def _marts(compare: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        row[0]
        for row in compare.sql(
            "select table_name from information_schema.tables "
            "where table_catalog = 'base' and table_schema = 'marts' order by 1"
        ).fetchall()
        if row[0] not in INPUT_DESCRIBING_MARTS
    ]


def test_data_quality_marts_count_the_bad_lines(
    corrupted: CorruptedBuild, compare: duckdb.DuckDBPyConnection
) -> None:
    """The data-quality mart sees every injected line: raw lines grow by exactly the lines
    injected into each entity, and every entity still reconciles."""

    def counts(catalog: str) -> dict[str, tuple[int, bool]]:
        rows = compare.sql(
            f"select source_name || '/' || entity_name, record_line_count, is_reconciled "
            f"from {catalog}.marts.data_quality_row_counts"
        ).fetchall()
        return {key: (lines, reconciled) for key, lines, reconciled in rows}

    base, bad = counts("base"), counts("bad")
    assert set(base) == set(bad) and base
    assert all(reconciled for _, reconciled in bad.values()), bad
    for entity_key, (lines, _) in bad.items():
        injected = sum(len(c.lines) for c in corrupted.corruptions if c.entity.key == entity_key)
        assert lines == base[entity_key][0] + injected, (entity_key, lines, base[entity_key])


def test_marts_are_unchanged_by_bad_lines(compare: duckdb.DuckDBPyConnection) -> None:
    """Every mart, row for row (order-insensitive), but for the build-time `computed_at`.
    Floating-point sums may differ in their last bits with the order DuckDB's threads add them
    in, so floats compare to a relative 1e-9."""
    marts = _marts(compare)
    assert marts, "the baseline has no marts"
    bad_marts = {
        row[0]
        for row in compare.sql(
            "select table_name from information_schema.tables "
            "where table_catalog = 'bad' and table_schema = 'marts'"
        ).fetchall()
    }
    assert bad_marts - INPUT_DESCRIBING_MARTS == set(marts)
    differing = {}
    for mart in marts:
        base = compare.sql(f"from base.marts.{mart}").pl().drop(BUILD_TIME_COLUMNS, strict=False)
        bad = compare.sql(f"from bad.marts.{mart}").pl().drop(BUILD_TIME_COLUMNS, strict=False)
        difference = rows_differ(base, bad)
        if difference is not None:
            differing[mart] = difference
    assert not differing, f"marts differ from the clean build: {differing}"


# Empty, missing and non-UTF-8 files: `check-raw` (run by `make warehouse` before dbt) -------
def _raw_copy(tmp_path: Path) -> Path:
    """A raw folder with one small file per entity (the shapes do not matter to check-raw)."""
    raw = tmp_path / "raw"
    for entity in RAW_ENTITIES:
        folder = raw / entity.source
        folder.mkdir(parents=True, exist_ok=True)
        (folder / entity.pattern.replace("*", "20251101")).write_text('{"id": 1}\n')
    return raw


def test_check_raw_stops_on_a_missing_file_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _raw_copy(tmp_path)
    (raw / "reviews/reviews.jsonl").unlink()
    assert main(["check-raw", "--raw", str(raw)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"social-commerce: error: {raw}/reviews/reviews.jsonl is missing: run `make build` to "
        "regenerate, or add that export (see README, Raw extracts)"
    ]


def test_check_raw_lets_empty_files_through_and_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _raw_copy(tmp_path)
    (raw / "reviews/reviews.jsonl").write_bytes(b"")
    (raw / "ga4/events_20251102.jsonl").write_bytes(b"")
    assert main(["check-raw", "--raw", str(raw)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "note: 2 empty extract file(s), built with zero rows from them: "
        "ga4/events_20251102.jsonl, reviews/reviews.jsonl"
    )


@pytest.mark.parametrize("chunk_bytes", [3, 7, 1 << 20])
def test_check_raw_stops_on_a_file_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], chunk_bytes: int
) -> None:
    raw = _raw_copy(tmp_path)
    path = raw / "shopify/customers.jsonl"
    # Latin-1 "Zoë" on line 3, after lines with multi-byte UTF-8 (emoji)
    path.write_bytes('{"a": "ok 😀"}\n{"b": "é"}\n{"name": "Zo'.encode() + b'\xeb"}\n{"c": 1}\n')
    assert first_invalid_utf8_line(path, chunk_bytes) == 3
    assert main(["check-raw", "--raw", str(raw)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"{path} line 3 is not UTF-8 text: re-export the file as UTF-8" in err[0]


def test_utf8_check_passes_valid_text_and_flags_a_cut_character(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes("😀 ok\nZoë\n".encode() * 5)
    assert first_invalid_utf8_line(path, 5) is None
    path.write_bytes(b"ok\nok\n" + "😀".encode()[:2])  # cut in the middle of an emoji
    assert first_invalid_utf8_line(path, 4) == 3
