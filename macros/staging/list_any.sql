{#- True when at least one element of the list satisfies the predicate (false for an empty or
    null list). `element` names the element inside `predicate`, e.g.
    list_any('line_items', 'line_item', "line_item['quantity'] is null"). -#}
{% macro list_any(list_expr, element, predicate) -%}
    coalesce(len(list_filter({{ list_expr }}, lambda {{ element }}: {{ predicate }})) > 0, false)
{%- endmacro %}
