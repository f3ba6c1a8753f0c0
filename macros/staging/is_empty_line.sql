{#- True when a raw line is empty or blank: the line reader gives an empty line as null, and
    spaces, tabs and a stray carriage return are blank too. -#}
{% macro is_empty_line(line_expr) -%}
    ({{ line_expr }} is null or trim({{ line_expr }}, ' ' || chr(9) || chr(13)) = '')
{%- endmacro %}
