{#- Whole number from text or a number, or null when the value is not a whole number
    ("N/A", "1.2K", "1.5"). Unlike a plain try_cast, "1.5" is not rounded to 2. -#}
{% macro safe_cast_integer(expr) -%}
    case
        when regexp_full_match(trim(cast({{ expr }} as varchar)), '[+-]?[0-9]{1,18}(\.0*)?')
            then {{ dbt.safe_cast('trim(cast(' ~ expr ~ ' as varchar))', 'bigint') }}
    end
{%- endmacro %}
