{#- True when a money amount is beyond anything one row of its kind can be: more than the
    `max_plausible_amount_usd` var once converted to US dollars with the row's `usd_per_unit`
    (seed currency_rates). An entry error (cents keyed as units, a pasted id), not a big sale.
    Null when the amount or the rate is null (missing, mistyped or an unknown currency: other
    checks name those). -#}
{% macro is_absurd_amount(amount_expr, usd_per_unit_expr) -%}
    ({{ amount_expr }} * {{ usd_per_unit_expr }} > {{ var('max_plausible_amount_usd') }})
{%- endmacro %}
