{#- Value of a query-string parameter of a URL or path (`?utm_source=tiktok&...`), URL-decoded,
    or null when the parameter is absent or empty. -#}
{% macro url_query_param(url_expr, param_name) -%}
    nullif(url_decode(regexp_extract({{ url_expr }}, '[?&]{{ param_name }}=([^&#]*)', 1)), '')
{%- endmacro %}
