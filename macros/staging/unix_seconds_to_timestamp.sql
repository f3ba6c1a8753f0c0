{#- UTC timestamp from Unix seconds (integer or fractional, as text or a number), or null when
    the value is not a number or is outside the years 1-9999. -#}
{% macro unix_seconds_to_timestamp(expr) -%}
    case
        when {{ safe_cast_number(expr) }} between -62135596800 and 253402300799
            then make_timestamp(cast(round({{ safe_cast_number(expr) }} * 1000000) as bigint))
    end
{%- endmacro %}
