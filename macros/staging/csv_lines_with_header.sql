{#- Every line of a CSV source relation split into fields, with the file's header beside it:
    one row per physical line with `source_file`, `raw_line`, `csv_fields`, `header_rank` (1 on
    the line taken as the header), `header_fields` (the lower-cased header of the line's file,
    to look fields up by name with `csv_field`) and `line_kind` ('header' or 'data').
    The header is the first line (by text, lines carry no number) whose fields include every
    name of `header_columns`; a file without one has null `header_fields`. -#}
{% macro csv_lines_with_header(source_relation, header_columns) -%}
    with split_lines as (
        select
            filename as source_file,
            raw_line,
            {{ csv_split_line('raw_line') }} as csv_fields
        from {{ source_relation }}
    ),

    header_candidates as (
        select
            *,
            coalesce(
                list_has_all({{ list_map('csv_fields', 'csv_value', 'lower(trim(csv_value))') }}, {{ header_columns }}),
                false
            ) as is_header_candidate
        from split_lines
    ),

    header_ranked as (
        select
            *,
            case
                when is_header_candidate
                    then row_number() over (partition by source_file, is_header_candidate order by raw_line)
            end as header_rank
        from header_candidates
    ),

    file_headers as (
        select
            source_file,
            {{ list_map('csv_fields', 'csv_value', 'lower(trim(csv_value))') }} as header_fields
        from header_ranked
        where header_rank = 1
    )

    select
        header_ranked.source_file,
        header_ranked.raw_line,
        header_ranked.csv_fields,
        header_ranked.header_rank,
        file_headers.header_fields,
        case when header_ranked.header_rank = 1 then 'header' else 'data' end as line_kind
    from header_ranked
    left join file_headers
        on header_ranked.source_file = file_headers.source_file
{%- endmacro %}
