{#- Fails for every row where the column is null although the condition holds (a value that is
    required only for some rows, e.g. the transaction id of purchase events). -#}
{% test not_null_where(model, column_name, condition) %}

select *
from {{ model }}
where ({{ condition }}) and {{ column_name }} is null

{% endtest %}
