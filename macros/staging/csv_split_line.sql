{#- The fields of one CSV line (comma separated) as a list of text. Fields may be quoted
    (`"a,b"`, with `""` for a quote inside); a line whose quotes are unbalanced or stray (`a"b`)
    gives null, which staging quarantines as `malformed_csv`. Lines without any quote take the
    fast path (a plain split). -#}
{% macro csv_split_line(line_expr) -%}
    {%- set field = '"(?:[^"]|"")*"|[^,"]*' -%}
    case
        when {{ line_expr }} is null then null
        when not contains({{ line_expr }}, '"') then string_split({{ line_expr }}, ',')
        when regexp_full_match({{ line_expr }}, '(?:{{ field }})(?:,(?:{{ field }}))*')
            then list_transform(
                regexp_extract_all(',' || {{ line_expr }}, ',({{ field }})', 1),
                lambda csv_field: case
                    when starts_with(csv_field, '"') then replace(csv_field[2:-2], '""', '"')
                    else csv_field
                end
            )
    end
{%- endmacro %}
