{#- Date from text in the given strftime format (default ISO `%Y-%m-%d`), or null when the text
    is not such a date. -#}
{% macro safe_cast_date(expr, format='%Y-%m-%d') -%}
    cast(try_strptime(trim({{ expr }}), '{{ format }}') as date)
{%- endmacro %}
