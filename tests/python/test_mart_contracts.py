"""The marts' not-null rules are enforced by the warehouse, and every key is covered.

A SQL mart's required columns declare a `not_null` constraint in their contract (YAML) instead of
a `not_null` data test: DuckDB then refuses a null while the table is built. That is only as good
as the adapter's enforcement, so these tests compare what the YAML declares with the `NOT NULL`
constraints of the test warehouse's tables, and check that each mart's key (a column with a
`unique` test) is also kept non-null, by a constraint or, in a Python mart (which cannot have a
contract), by a `not_null` test.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
import yaml

from .conftest import ROOT

MARTS = ROOT / "models" / "marts"


def _mart_models() -> dict[str, dict[str, Any]]:
    """Every mart's YAML entry by model name, with its language (from the model file)."""
    models: dict[str, dict[str, Any]] = {}
    for path in sorted(MARTS.rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            files = list(path.parent.glob(f"{model['name']}.*"))
            assert len(files) == 1, f"{model['name']}: model file not found next to {path}"
            models[model["name"]] = {**model, "language": files[0].suffix.lstrip(".")}
    return models


def _test_names(column: dict[str, Any]) -> set[str]:
    names = set()
    for test in column.get("data_tests", []):
        names.add(test if isinstance(test, str) else next(iter(test)))
    return names


def _not_null_constrained(column: dict[str, Any]) -> bool:
    return any(c.get("type") == "not_null" for c in column.get("constraints", []))


MODELS = _mart_models()
# Marts with a single-column key (a compound key is tested as a combination of columns).
KEYED = sorted(
    name
    for name, model in MODELS.items()
    if any("unique" in _test_names(column) for column in model.get("columns", []))
)


def test_not_null_constraints_are_only_declared_on_sql_marts() -> None:
    python_with_constraints = [
        f"{name}.{column['name']}"
        for name, model in MODELS.items()
        if model["language"] == "py"
        for column in model.get("columns", [])
        if column.get("constraints")
    ]
    assert python_with_constraints == [], "Python models cannot enforce a contract"


def test_declared_not_null_constraints_are_enforced_by_the_warehouse(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    declared = {
        (name, column["name"])
        for name, model in MODELS.items()
        for column in model.get("columns", [])
        if _not_null_constrained(column)
    }
    enforced = {
        (table, columns[0])
        for table, columns in warehouse.execute(
            "select table_name, constraint_column_names from duckdb_constraints() "
            "where schema_name = 'marts' and constraint_type = 'NOT NULL'"
        ).fetchall()
    }
    assert len(declared) > 100
    assert declared - enforced == set(), "declared in YAML, not NOT NULL in the warehouse"
    assert enforced - declared == set(), "NOT NULL in the warehouse, not declared in YAML"


@pytest.mark.parametrize("name", KEYED)
def test_a_unique_key_is_kept_non_null(name: str) -> None:
    """A mart with `unique` columns has one that is never null: its key.

    Other unique columns may be null where they do not apply (a non-converting path has no
    conversion); the key may not.
    """
    model = MODELS[name]
    unique = [c for c in model.get("columns", []) if "unique" in _test_names(c)]
    if model["language"] == "sql":
        kept = [c["name"] for c in unique if _not_null_constrained(c)]
    else:
        kept = [c["name"] for c in unique if "not_null" in _test_names(c)]
    assert kept, f"{name}: no unique column is kept non-null"
