{#- Boolean from true/false (text or JSON boolean), or null when the value is anything else. -#}
{% macro safe_cast_boolean(expr) -%}
    case lower(trim(cast({{ expr }} as varchar)))
        when 'true' then true
        when 'false' then false
    end
{%- endmacro %}
