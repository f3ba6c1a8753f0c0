{#- Value of the named column in a split CSV line, found by its position in the file's header
    (so the column order of a file does not matter), trimmed, with an empty value as null. -#}
{% macro csv_field(fields_expr, header_expr, column_name) -%}
    nullif(trim({{ fields_expr }}[list_position({{ header_expr }}, '{{ column_name }}')]), '')
{%- endmacro %}
