{#- First element of the list that satisfies the predicate, or null when none does, e.g. the GA4
    event parameter with a given key. -#}
{% macro list_first_match(list_expr, element, predicate) -%}
    list_filter({{ list_expr }}, lambda {{ element }}: {{ predicate }})[1]
{%- endmacro %}
