{#- True when an event time cannot be real: before the `earliest_valid_date` var (zero or epoch
    dates), or later than its reference time plus `future_tolerance_days` (the reference is the
    row's own pull time when the entity has one: nothing can happen after it was fetched). Null
    timestamps are not impossible (they are missing or of the wrong type). -#}
{% macro is_impossible_timestamp(timestamp_expr, reference_expr) -%}
    (
        {{ timestamp_expr }} < cast('{{ var("earliest_valid_date") }}' as timestamp)
        or {{ timestamp_expr }} > {{ dbt.dateadd('day', var('future_tolerance_days'), reference_expr) }}
    )
{%- endmacro %}
