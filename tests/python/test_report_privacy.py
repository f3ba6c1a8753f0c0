"""Privacy of the report site: no buyer e-mail, name, phone or handle appears anywhere in it.

`make test-reports` builds the site from the test warehouse and copies it to ``target/test/site``
(``SCW_TEST_SITE``). Every file is searched: pages, scripts and JSON as text, the Arrow files of
prerendered queries and the Parquet data files the browser queries, value by value. The buyer
identities come straight from the test build's raw extracts (Shopify customers and orders,
reviewers, survey respondents, resale sellers), so the test covers whatever the generator wrote.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.ipc
import pytest

from .buyer_pii import jsonl_records, raw_buyer_pii
from .conftest import ROOT, BuildPaths


def site_identities(raw: Path) -> set[str]:
    """The buyer PII to look for in a site: e-mails, phones, handles and full names.

    A single first name ("Morgan") or a "Camila R." is no identity on its own, and words like
    that occur in any page or script bundle (and creators' public display names look the same):
    names count as a whole "first last" pair.
    """
    return {
        value.rstrip(".")
        for value, kind in raw_buyer_pii(raw).items()
        if not kind.endswith("name")
        or (len(value.split()) > 1 and len(value.split()[-1].rstrip(".")) > 1)
    }


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
    values = site_identities(test_build.raw)
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
    customers = list(jsonl_records(test_build.raw / "shopify/customers.jsonl"))
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
