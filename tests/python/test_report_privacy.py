"""Privacy of the report site: no buyer e-mail, name, phone or handle appears anywhere in it.

`make test-reports` builds the site from the test warehouse and copies it to ``target/test/site``
(``SCW_TEST_SITE``). Every file is searched: pages, scripts and JSON as text, the Arrow files of
prerendered queries and the Parquet data files the browser queries, value by value. The buyer
identities come straight from the test build's raw extracts (Shopify customers and orders,
reviewers, survey respondents, resale sellers), so the test covers whatever the generator wrote.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.ipc
import pytest

from tests.python.conftest import ROOT, BuildPaths

# Shorter values ("Mei", "Tran") are common words and substrings of ordinary text: names are
# matched as a whole "first last" pair, and every value as whole tokens, never inside a word.
MIN_VALUE_LENGTH = 6


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def buyer_identities(raw: Path) -> set[str]:
    """Every buyer e-mail, full name, phone and handle in the raw extracts (lower-cased)."""
    values: set[str] = set()

    def add(value: object) -> None:
        if isinstance(value, str) and len(value.strip()) >= MIN_VALUE_LENGTH:
            values.add(" ".join(value.strip().lower().split()).rstrip(".-'"))

    for customer in _jsonl(raw / "shopify/customers.jsonl"):
        add(customer.get("email"))
        add(customer.get("phone"))
        add(f"{customer.get('first_name') or ''} {customer.get('last_name') or ''}")
    for order in _jsonl(raw / "shopify/orders.jsonl"):
        add(order.get("email"))
        add(order.get("phone"))
        for key in ("customer", "billing_address", "shipping_address"):
            part = order.get(key)
            if isinstance(part, dict):
                add(part.get("email"))
                add(part.get("phone"))
                add(f"{part.get('first_name') or ''} {part.get('last_name') or ''}")
                add(part.get("name"))
    for review in _jsonl(raw / "reviews/reviews.jsonl"):
        reviewer = review.get("reviewer")
        if isinstance(reviewer, dict):
            add(reviewer.get("email"))
            # "Camila R." style names are too short to identify anyone (and creators' public display
            # names look the same): only full names count.
            name = reviewer.get("name")
            parts = name.split() if isinstance(name, str) else []
            if len(parts) > 1 and len(parts[-1].strip(".")) > 1:
                add(name)
    for response in _jsonl(raw / "surveys/responses.jsonl"):
        respondent = response.get("respondent")
        if isinstance(respondent, dict):
            add(respondent.get("email"))
    for listing in _jsonl(raw / "resale/listings.jsonl"):
        add(listing.get("seller_handle"))
    return values


_TOKEN = re.compile(r"[\w.@+'-]+")


def matches(text: str, values: set[str]) -> set[str]:
    """Values in ``text`` as whole tokens (e-mails, phones, handles) or token pairs (names)."""
    tokens = [t.rstrip(".-'") or t for t in _TOKEN.findall(text.lower())]
    found = {t for t in tokens if t in values}
    found.update(pair for pair in map(" ".join, itertools.pairwise(tokens)) if pair in values)
    return found


def _texts_of_file(path: Path) -> Iterator[str]:
    """The text a file exposes: its decoded bytes, and for data files every value in them."""
    data = path.read_bytes()
    yield data.decode("utf-8", errors="ignore")
    if path.suffix == ".parquet":
        con = duckdb.connect()
        try:
            relation = con.read_parquet(str(path))
            columns = ", ".join(f'cast("{c}" as varchar)' for c in relation.columns)
            for row in con.sql(f"select {columns} from relation").fetchall():
                yield "\n".join(v for v in row if v is not None)
        finally:
            con.close()
    elif path.suffix == ".arrow":
        table = pyarrow.ipc.open_stream(data).read_all()
        for column in table.columns:
            yield "\n".join(str(v) for v in column.to_pylist() if v is not None)


def find_identities(site: Path, values: set[str]) -> list[str]:
    """``file: value`` for every buyer identity found anywhere under ``site``."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix in {".png", ".ico", ".woff", ".woff2", ".wasm"}:
            continue
        for text in _texts_of_file(path):
            found.extend(f"{path.relative_to(site)}: {value}" for value in matches(text, values))
    return sorted(set(found))


@pytest.fixture(scope="module")
def site() -> Path:
    site = Path(os.environ.get("SCW_TEST_SITE", ROOT / "target/test/site"))
    if not (site / "index.html").exists():
        pytest.fail(f"no report site at {site}: run `make test-reports` first")
    return site


@pytest.fixture(scope="module")
def identities(test_build: BuildPaths) -> set[str]:
    values = buyer_identities(test_build.raw)
    # The test data has buyers of every kind: an empty set would make the scan meaningless.
    assert len(values) > 100, len(values)
    assert any("@" in v for v in values) and any(" " in v for v in values)
    return values


def test_site_has_data_files_to_scan(site: Path) -> None:
    assert list(site.rglob("*.parquet")), "no data files: was the site built from a warehouse?"


def test_no_buyer_identity_anywhere_in_the_site(site: Path, identities: set[str]) -> None:
    found = find_identities(site, identities)
    assert not found, "buyer PII in the report site:\n" + "\n".join(found[:20])


def test_the_scan_finds_planted_identities(
    tmp_path: Path, test_build: BuildPaths, identities: set[str]
) -> None:
    """The scanner is not blind: a buyer e-mail in a page and a name in a Parquet file are found."""
    customers = list(_jsonl(test_build.raw / "shopify/customers.jsonl"))
    email = next(c["email"] for c in customers if c.get("email"))
    named = next(c for c in customers if c.get("first_name") and c.get("last_name"))
    full_name = f"{named['first_name']} {named['last_name']}"
    (tmp_path / "page.html").write_text(f"<p>Top buyer: {email.upper()}</p>", encoding="utf-8")
    con = duckdb.connect()
    con.execute("create table planted as select 'x' as id, ? as who", [full_name])
    con.execute(f"copy planted to '{tmp_path / 'data.parquet'}' (format parquet, compression zstd)")
    con.close()
    found = find_identities(tmp_path, identities)
    assert f"page.html: {email.lower()}" in found
    assert f"data.parquet: {full_name.lower()}" in found
