{#- Quantile of the standard normal distribution at probability `p` (0 < p < 1), Acklam's
    rational approximation (relative error below 1.2e-9): a central rational function for
    0.02425 <= p <= 0.97575, tail functions of sqrt(-2 ln p) outside. Plain SQL arithmetic. -#}
{% macro experiments_normal_quantile(probability) -%}
{%- set p = 'cast(' ~ probability ~ ' as double)' -%}
{%- set a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239] -%}
{%- set b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] -%}
{%- set c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] -%}
{%- set d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] -%}
{%- set tail_q = 'sqrt(-2 * ln(least(' ~ p ~ ', 1 - (' ~ p ~ '))))' -%}
{%- set central_r = '((' ~ p ~ ') - 0.5) * ((' ~ p ~ ') - 0.5)' -%}
(
    case
        when ({{ p }}) <= 0 or ({{ p }}) >= 1 then null
        when ({{ p }}) < 0.02425 or ({{ p }}) > 0.97575
            then sign(({{ p }}) - 0.5) * -1 * (
                (((((({{ c[0] }}) * {{ tail_q }} + ({{ c[1] }})) * {{ tail_q }} + ({{ c[2] }})) * {{ tail_q }}
                + ({{ c[3] }})) * {{ tail_q }} + ({{ c[4] }})) * {{ tail_q }} + ({{ c[5] }}))
                / (((({{ d[0] }} * {{ tail_q }} + {{ d[1] }}) * {{ tail_q }} + {{ d[2] }}) * {{ tail_q }}
                + {{ d[3] }}) * {{ tail_q }} + 1)
            )
        else
            ((({{ p }}) - 0.5) * (((((({{ a[0] }}) * {{ central_r }} + ({{ a[1] }})) * {{ central_r }}
            + ({{ a[2] }})) * {{ central_r }} + ({{ a[3] }})) * {{ central_r }} + ({{ a[4] }}))
            * {{ central_r }} + ({{ a[5] }})))
            / (((((({{ b[0] }}) * {{ central_r }} + ({{ b[1] }})) * {{ central_r }} + ({{ b[2] }}))
            * {{ central_r }} + ({{ b[3] }})) * {{ central_r }} + ({{ b[4] }})) * {{ central_r }} + 1)
    end
)
{%- endmacro %}
