{#- Two-sided p-value of a standard normal statistic `z`: 2 x (1 - Phi(|z|)) = erfc(|z| / sqrt 2),
    with the Abramowitz-Stegun 7.1.26 approximation of erfc (absolute error below 1.5e-7).
    Plain SQL arithmetic, so it runs on any adapter without an erf function. -#}
{% macro creators_two_sided_p_value(z) -%}
(
    (
        0.254829592 * (1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)))
        - 0.284496736 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 2)
        + 1.421413741 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 3)
        - 1.453152027 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 4)
        + 1.061405429 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 5)
    ) * exp(-0.5 * ({{ z }}) * ({{ z }}))
)
{%- endmacro %}
