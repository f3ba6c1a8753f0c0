{#- Value of a query-string parameter of a URL or path (`?utm_source=tiktok&...`), URL-decoded,
    or null when the parameter is absent or empty. The regular expression runs only where the
    parameter's name is in the text (a plain substring test is several times cheaper, and most
    URLs carry no such parameter); the result is the same. -#}
{% macro url_query_param(url_expr, param_name) -%}
    case
        when contains({{ url_expr }}, '{{ param_name }}=')
            then nullif(url_decode(regexp_extract({{ url_expr }}, '[?&]{{ param_name }}=([^&#]*)', 1)), '')
    end
{%- endmacro %}
