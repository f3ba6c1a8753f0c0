{#- True when a count (views, likes, followers, comments, items) cannot be real: below zero, or
    above the `max_plausible_count` var (an entry error: a timestamp or an id in a count field).
    Null when the count is null (missing or mistyped: other checks name those). -#}
{% macro is_impossible_count(count_expr) -%}
    ({{ count_expr }} < 0 or {{ count_expr }} > {{ var('max_plausible_count') }})
{%- endmacro %}
