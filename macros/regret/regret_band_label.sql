{#- A CASE expression putting a number into labelled bands from a list of ascending upper bounds
    (exclusive): bounds [25, 50] give '<25', '25-50', '50+'; null stays null. -#}
{% macro regret_band_label(value_expr, bounds, suffix='') %}
    case
        when {{ value_expr }} is null then null
        {%- for bound in bounds %}
        when {{ value_expr }} < {{ bound }} then
            '{% if loop.first %}<{{ bound }}{% else %}{{ bounds[loop.index0 - 1] }}-{{ bound }}{% endif %}{{ suffix }}'
        {%- endfor %}
        else '{{ bounds[-1] }}+{{ suffix }}'
    end
{% endmacro %}
