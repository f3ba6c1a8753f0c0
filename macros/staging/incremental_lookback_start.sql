{#- Scalar subquery: the latest `column` already in the incremental model, minus
    `incremental_lookback_days`. Use inside an is_incremental() block. See _macros.yml. -#}
{% macro incremental_lookback_start(column) -%}
    (
        select {{ dbt.dateadd('day', -var('incremental_lookback_days'), 'max(' ~ column ~ ')') }}
        from {{ this }}
    )
{%- endmacro %}
