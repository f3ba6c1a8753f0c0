{#- One bound of the Wilson score interval of a binomial proportion (successes / trials) at z:
    `side` -1 gives the lower bound, +1 the upper one. Null when trials is 0 or null. -#}
{% macro regret_wilson_bound(successes, trials, z, side) %}
    case
        when coalesce({{ trials }}, 0) > 0 then
            (
                (cast({{ successes }} as double) / {{ trials }}) + ({{ z }} * {{ z }}) / (2.0 * {{ trials }})
                + ({{ side }}) * {{ z }} * sqrt(
                    (cast({{ successes }} as double) / {{ trials }})
                    * (1 - cast({{ successes }} as double) / {{ trials }}) / {{ trials }}
                    + ({{ z }} * {{ z }}) / (4.0 * {{ trials }} * {{ trials }})
                )
            ) / (1 + ({{ z }} * {{ z }}) / {{ trials }})
    end
{% endmacro %}
