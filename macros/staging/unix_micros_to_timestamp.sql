{#- UTC timestamp from Unix microseconds (GA4 `event_timestamp`), or null when the value is not a
    whole number or is outside the years 1-9999. -#}
{% macro unix_micros_to_timestamp(expr) -%}
    case
        when {{ safe_cast_integer(expr) }} between -62135596800000000 and 253402300799000000
            then make_timestamp({{ safe_cast_integer(expr) }})
    end
{%- endmacro %}
