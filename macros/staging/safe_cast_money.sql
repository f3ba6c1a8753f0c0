{#- Money amount as decimal(18, 2) from a decimal string or a number, or null when the value is
    not a plain decimal number ("N/A", "12,50"). -#}
{% macro safe_cast_money(expr) -%}
    {{ dbt.safe_cast('trim(cast(' ~ expr ~ ' as varchar))', 'decimal(18, 2)') }}
{%- endmacro %}
