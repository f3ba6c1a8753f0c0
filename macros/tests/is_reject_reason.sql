{#- Fails for every value that is not a word of the staging reject-reason vocabulary
    (`empty_line`, `malformed_json`, `malformed_csv`, `unknown_currency`, or `<check>:<field>` with
    check one of missing_key, missing_field, invalid_type, impossible_value, impossible_timestamp,
    invalid_value). Downstream tests compare reasons with the generator's planted defects, so a
    misspelt reason must fail here first. -#}
{% test is_reject_reason(model, column_name) %}

select {{ column_name }} as reject_reason
from {{ model }}
where
    {{ column_name }} is not null
    and not regexp_full_match(
        {{ column_name }},
        '(empty_line|malformed_json|malformed_csv|unknown_currency|(missing_key|missing_field|invalid_type|impossible_value|impossible_timestamp|invalid_value):[A-Za-z0-9_.]+)'
    )

{% endtest %}
