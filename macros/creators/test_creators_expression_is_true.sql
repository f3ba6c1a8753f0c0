{#- Fails for every row where `<column> <expression>` is false (e.g. `between 0 and 1`), or,
    without a column, where `<expression>` is false. Rows where it is null (a null column) pass:
    pair it with not_null where a value is required. -#}
{% test creators_expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not ({% if column_name %}{{ column_name }} {% endif %}{{ expression }})

{% endtest %}
