{#- dbt's `dbt.safe_cast` falls back to a plain `cast` on DuckDB, which raises on a value that does
    not convert ("N/A" as a number) and would stop the build on one bad raw line. DuckDB has
    `try_cast` (null when the value does not convert): this makes `dbt.safe_cast` live up to its
    name here. dbt looks up dispatched `dbt` macros in the root project first. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
