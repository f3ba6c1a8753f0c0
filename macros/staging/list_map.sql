{#- The list with `expression` applied to every element (null for a null list), e.g. the tags of
    a list of `{tag}` objects. -#}
{% macro list_map(list_expr, element, expression) -%}
    list_transform({{ list_expr }}, lambda {{ element }}: {{ expression }})
{%- endmacro %}
