"""Privacy check over every mart: no buyer PII column, no buyer PII value.

Buyer PII in the raw contract (README, Raw extracts): Shopify customers (email, first and last
name, phone) and orders (email), review authors (reviewer name and email), survey respondents
(email) and resale sellers (seller_handle: buyers reselling what they bought). Staging hashes it
(macros/staging/hash_pii.sql); no mart may carry it, by column name or by value. Creator handles
and display names are public (a creator's own account) and allowed.

The value scan reads every text cell of every table and view in the `marts` schema and looks for
each PII string as a whole cell or inside a text (as one to three consecutive words, so a name in
a sentence or an email in a note is found), case-insensitively. The scanner is tested on a planted
value, so that it can fail.
"""

from __future__ import annotations

import re

import duckdb
import pytest

from .buyer_pii import raw_buyer_pii
from .conftest import BuildPaths

# Column names that would hold buyer PII (hashed or not: a hash is still a per-person key).
PII_COLUMN = re.compile(
    r"(^|_)(e_?mail|phone|first_name|last_name|full_name|customer_name|buyer_name|buyer_handle"
    r"|reviewer|respondent|seller_handle|address|street|zip|postal_code|postcode|birth)(_|$)"
)
# Public, not buyer PII: creators' own accounts, and the GA4 pseudonymous device id.
ALLOWED_COLUMNS = {"creator_username", "promo_code_creator_username", "display_name"}
# Words are split on whitespace; these characters around words are not part of them.
PUNCTUATION = r"""[,;:!?()\[\]{}"<>/\\|*=]"""


def pii_columns(con: duckdb.DuckDBPyConnection, schema: str = "marts") -> list[str]:
    """`table.column` of every column of the schema whose name suggests buyer PII."""
    rows = con.execute(
        "select table_name, column_name from information_schema.columns where table_schema = ?",
        [schema],
    ).fetchall()
    return sorted(
        f"{table}.{column}"
        for table, column in rows
        if column.lower() not in ALLOWED_COLUMNS and PII_COLUMN.search(column.lower())
    )


def pii_values(
    con: duckdb.DuckDBPyConnection, pii: dict[str, str], schema: str = "marts"
) -> list[tuple[str, str, str]]:
    """(table.column, PII value, kind) for every PII value found in a text cell of the schema."""
    columns = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = ? and data_type in ('VARCHAR', 'VARCHAR[]')",
        [schema],
    ).fetchall()
    con.execute("create or replace temp table scan_pii (value varchar, kind varchar)")
    con.executemany("insert into scan_pii values (?, ?)", list(pii.items()))
    selects = [
        f"""select '{table}.{column}' as location,
            lower(trim(cast({cell} as varchar))) as cell
        from (select distinct {source} from {schema}."{table}") as cells"""
        for table, column, data_type in columns
        for cell, source in [
            (
                ("cell", f'unnest("{column}") as cell')
                if data_type.endswith("[]")
                else (f'"{column}"', f'"{column}"')
            )
        ]
    ]
    if not selects:
        return []
    con.execute(
        "create or replace temp table scan_cells as select row_number() over () as cell_id, * "
        "from (select distinct * from (" + " union all ".join(selects) + ") "
        "where cell is not null and cell <> '')"
    )
    found = con.execute(
        f"""
        with words as (
            select
                cell_id,
                location,
                unnest(split) as word,
                generate_subscripts(split, 1) as position
            from (
                select
                    cell_id,
                    location,
                    string_split_regex(
                        trim(regexp_replace(cell, '{PUNCTUATION}', ' ', 'g')), '\\s+'
                    ) as split
                from scan_cells
            )
        ),

        ngrams as (
            select location, cell as candidate from scan_cells
            union all
            select location, word from words
            union all
            select one.location, one.word || ' ' || two.word
            from words as one
            inner join words as two
                on one.cell_id = two.cell_id and two.position = one.position + 1
            union all
            select one.location, one.word || ' ' || two.word || ' ' || three.word
            from words as one
            inner join words as two
                on one.cell_id = two.cell_id and two.position = one.position + 1
            inner join words as three
                on one.cell_id = three.cell_id and three.position = one.position + 2
        ),

        candidates as (
            -- a sentence's full stop is not part of the last word ("... bob@example.org.")
            select location, candidate from ngrams
            union all
            select location, rtrim(candidate, '.') from ngrams where candidate like '%.'
        )

        select distinct candidates.location, scan_pii.value, scan_pii.kind
        from candidates
        inner join scan_pii on candidates.candidate = scan_pii.value
        order by all
        """
    ).fetchall()
    return [(location, value, kind) for location, value, kind in found]


@pytest.fixture(scope="module")
def buyer_pii(test_build: BuildPaths) -> dict[str, str]:
    pii = raw_buyer_pii(test_build.raw)
    kinds = set(pii.values())
    assert {"customer email", "customer name", "reviewer name", "resale seller handle"} <= kinds
    return pii


def test_no_mart_column_is_named_for_buyer_pii(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert warehouse.sql(
        "select count(*) from information_schema.tables where table_schema = 'marts'"
    ).fetchone()[0], "no marts to check"
    assert pii_columns(warehouse) == []


def test_no_mart_value_is_or_contains_buyer_pii(
    test_build: BuildPaths, buyer_pii: dict[str, str]
) -> None:
    # the scanner writes temp tables: it reads the warehouse attached read-only
    con = duckdb.connect()
    con.execute(f"attach '{test_build.warehouse}' as warehouse (read_only)")
    con.execute("use warehouse")
    try:
        assert pii_values(con, buyer_pii) == []
    finally:
        con.close()


def test_scanner_flags_planted_pii() -> None:
    """The scanner finds a planted column name and planted values, and passes public ones."""
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        """
        create table marts.planted as select * from (values
            ('a great buy, thanks Ada Lovelace!', ['x', 'ADA@EXAMPLE.COM'], 'maya_styles', 'ok'),
            ('nothing here', [], 'maya_styles', 'contact: ada@example.com.'),
            ('thrift_queen.7', null, 'creator', 'fine')
        ) as t(review_text, tags, creator_username, note)
        """
    )
    con.execute("create table marts.buyers (customer_email varchar, email_hash varchar)")
    pii = {
        "ada@example.com": "customer email",
        "ada lovelace": "customer name",
        "thrift_queen.7": "resale seller handle",
    }
    assert pii_columns(con) == ["buyers.customer_email", "buyers.email_hash"]
    found = pii_values(con, pii)
    assert ("planted.review_text", "ada lovelace", "customer name") in found
    assert ("planted.tags", "ada@example.com", "customer email") in found
    assert ("planted.review_text", "thrift_queen.7", "resale seller handle") in found
    assert ("planted.note", "ada@example.com", "customer email") in found  # before a full stop
    assert {location for location, _, _ in found} == {
        "planted.review_text",
        "planted.tags",
        "planted.note",
    }
