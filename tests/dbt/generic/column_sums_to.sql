{#- Fails when the column's total differs from `total` by more than `tolerance`
    (e.g. score weights that must add up to 1). Returns the offending total. -#}
{% test column_sums_to(model, column_name, total, tolerance=0.000001) %}

with summed as (
    select sum({{ column_name }}) as column_total
    from {{ model }}
)

select column_total
from summed
where abs(column_total - {{ total }}) > {{ tolerance }}

{% endtest %}
