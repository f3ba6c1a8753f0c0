{#- The elements of the list that satisfy the predicate (null for a null list). -#}
{% macro list_filter_where(list_expr, element, predicate) -%}
    list_filter({{ list_expr }}, lambda {{ element }}: {{ predicate }})
{%- endmacro %}
