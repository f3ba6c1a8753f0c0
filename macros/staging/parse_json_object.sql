{#- Parse a line of text as a JSON object into a struct of the given shape, in one pass.
    Returns null when the text is not valid JSON or not an object (so `->>`-style access on a
    broken line never raises). `schema` is a dict of field name -> 'varchar', a nested dict (an
    object) or a one-element list (an array of that shape). Reading every leaf as varchar keeps
    wrong-typed values ("N/A", "1.2K") as text, so staging can tell a missing value from a value
    of the wrong type.
    Valid JSON text is an object exactly when its first character after JSON whitespace (space,
    tab, line feed, carriage return) is `{`: checking that character gives the same answer as
    json_type(...) = 'OBJECT' without parsing the line a third time (from_json, the expensive
    step, then parses it once). -#}
{% macro parse_json_object(text_expr, schema) -%}
    case
        when json_valid({{ text_expr }})
            and left(ltrim({{ text_expr }}, e' \t\n\r'), 1) = '{'
            then from_json({{ text_expr }}, '{{ tojson(schema) }}')
    end
{%- endmacro %}
