{#- Start time of the dbt invocation (UTC), the reference time for raw rows without a pull time
    of their own: fixed for a whole build, so every model of one build judges alike. -#}
{% macro build_started_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
{%- endmacro %}
