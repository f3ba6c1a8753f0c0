{#- UTC timestamp (without time zone) from an ISO 8601 string with any offset: `Z`, `+0000`
    (Instagram), `-05:00` (Shopify). The offset is applied, not dropped: a plain cast to
    timestamp would silently ignore it. Text without an offset is read as UTC (the profile sets
    the session time zone to UTC). Null when the text is not a timestamp. -#}
{% macro iso_to_utc_timestamp(expr) -%}
    timezone('UTC', {{ dbt.safe_cast('trim(' ~ expr ~ ')', 'timestamptz') }})
{%- endmacro %}
