{#- One row per day from `start_date_expr` to `end_date_expr` (both included), as `date_day`:
    a select statement to use as a subquery or CTE body. -#}
{% macro trends_day_spine(start_date_expr, end_date_expr) -%}
    select cast(unnest(generate_series(cast({{ start_date_expr }} as date), cast({{ end_date_expr }} as date), interval 1 day)) as date) as date_day
{%- endmacro %}
