{#- True when a raw line is empty or blank (the line reader gives an empty line as null). -#}
{% macro is_empty_line(line_expr) -%}
    ({{ line_expr }} is null or trim({{ line_expr }}) = '')
{%- endmacro %}
