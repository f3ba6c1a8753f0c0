"""The report site and dbt agree: one exposure per page, depending on exactly the marts it reads.

Pages query the Evidence source `warehouse`, whose files are each `select * from marts.<mart>`
(business logic stays in dbt). So `dbt ls --select +exposure:<page>` and lineage in `dbt docs`
show what a page needs, and `dbt build --select +exposure:report_creators` rebuilds it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.python.conftest import ROOT

REPORTS = ROOT / "reports"
EXPOSURES = ROOT / "models/marts/_report_site__exposures.yml"
# A source file is one `select *` of a mart, or of the build's own run results (a dbt source in
# `reference`, written by the on-run-end hook), after optional comment lines.
SOURCE_SQL = re.compile(
    r"^(?:\s*--[^\n]*\n)*\s*select \* from (marts|reference)\.([a-z0-9_]+)\s*;?\s*$", re.IGNORECASE
)
PAGE_REFERENCE = re.compile(r"\bwarehouse\.([a-z0-9_]+)\b", re.IGNORECASE)
SITE = "http://localhost:3000"  # where README's one-line server serves reports/build
REF = re.compile(r"(?:ref\(|source\(\s*['\"][a-z0-9_]+['\"]\s*,)\s*['\"]([a-z0-9_]+)['\"]\s*\)")


def _pages() -> dict[str, Path]:
    """Page route (as in the built site) -> markdown file."""
    pages = {}
    for path in sorted((REPORTS / "pages").rglob("*.md")):
        route = "/" + path.relative_to(REPORTS / "pages").with_suffix("").as_posix()
        route = re.sub(r"/index$", "", route) or "/"
        pages[route] = path
    return pages


def _marts_read_by(page: Path) -> set[str]:
    return {name.lower() for name in PAGE_REFERENCE.findall(page.read_text(encoding="utf-8"))}


def _exposures() -> list[dict]:
    return yaml.safe_load(EXPOSURES.read_text(encoding="utf-8"))["exposures"]


def test_every_source_is_a_plain_select_of_its_mart() -> None:
    sources = sorted((REPORTS / "sources/warehouse").glob("*.sql"))
    assert sources
    for source in sources:
        match = SOURCE_SQL.match(source.read_text(encoding="utf-8"))
        assert match, f"{source.name}: sources must be `select * from marts.<mart>`"
        schema, table = match.groups()
        assert table == source.stem, f"{source.name} selects {schema}.{table}"
        if schema == "marts":
            models = (ROOT / "models/marts").rglob(f"{table}.*")
            assert any(m.suffix in {".sql", ".py"} for m in models), f"no mart {table}"
        else:
            assert f"- name: {table}" in "".join(
                p.read_text(encoding="utf-8") for p in (ROOT / "models").rglob("*__sources.yml")
            ), f"{table} is not a documented dbt source"


def test_pages_read_only_declared_sources() -> None:
    declared = {p.stem for p in (REPORTS / "sources/warehouse").glob("*.sql")}
    for route, page in _pages().items():
        unknown = _marts_read_by(page) - declared
        assert not unknown, f"{route} reads {sorted(unknown)}, which are not in sources/warehouse"


@pytest.mark.parametrize("route", sorted(_pages()))
def test_page_has_an_exposure_with_its_marts(route: str) -> None:
    by_url = {e["url"].removeprefix(SITE): e for e in _exposures()}
    key = route if route == "/" else route + "/"
    assert key in by_url or route in by_url, f"no exposure with url .../{route.lstrip('/')}"
    exposure = by_url.get(key) or by_url[route]
    refs = {REF.search(dep).group(1) for dep in exposure["depends_on"]}
    assert refs == _marts_read_by(_pages()[route]), (
        f"exposure {exposure['name']} depends on {sorted(refs)}, "
        f"the page reads {sorted(_marts_read_by(_pages()[route]))}"
    )
    assert exposure["type"] == "dashboard" and exposure["owner"]["name"]
    assert exposure.get("description", "").strip(), exposure["name"]


def test_no_exposure_without_a_page() -> None:
    routes = set(_pages())
    for exposure in _exposures():
        route = exposure["url"].removeprefix(SITE).rstrip("/") or "/"
        assert route in routes, f"exposure {exposure['name']} points at {route}, which has no page"
