{#- The columns of the shared metrics-table shape, cast to their types: every model's metrics
    table and ml_model_metrics select these from a relation holding the six columns. -#}
{% macro metrics_table_columns() -%}
    cast(model_name as varchar) as model_name,
    cast(metric as varchar) as metric,
    cast(split as varchar) as split,
    cast(value as double) as value,
    cast(n_rows as bigint) as n_rows,
    cast(computed_at as timestamp) as computed_at
{%- endmacro %}
