{#- The hashtags of a text (`#word` -> `word`, lower-cased) as a list; empty for a text without. -#}
{% macro extract_hashtags(text_expr) -%}
    list_transform(regexp_extract_all(coalesce({{ text_expr }}, ''), '#(\w+)', 1), lambda tag: lower(tag))
{%- endmacro %}
