{#- Double from text or a number, or null when the value is not a number. -#}
{% macro safe_cast_number(expr) -%}
    {{ dbt.safe_cast('trim(cast(' ~ expr ~ ' as varchar))', 'double') }}
{%- endmacro %}
