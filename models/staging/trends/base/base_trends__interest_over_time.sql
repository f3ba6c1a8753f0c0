{#- Google Trends "Interest over time" files: line 1 `Category: ...`, line 2 blank, line 3 the header
    (`Day,<term>: (<geo>),...`), then one line per day. Without line numbers, the preamble lines
    are recognised by their content; a second copy of a preamble line in the same file is
    quarantined. -#}
{%- set header_pattern = '^(.*): \\((.*)\\)$' -%}

with source_lines as (

    select * from {{ source('trends', 'interest_over_time') }}

),

split_lines as (

    select
        filename as source_file,
        raw_line,
        {{ csv_split_line('raw_line') }} as csv_fields
    from source_lines

),

classified as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'blank'
            when starts_with(lower(trim(raw_line)), 'category:') then 'category'
            when lower(trim(csv_fields[1])) in ('day', 'week', 'month') then 'header'
            else 'data'
        end as line_kind_candidate
    from split_lines

),

preamble_ranked as (

    select
        *,
        case
            when line_kind_candidate != 'data'
                then row_number() over (partition by source_file, line_kind_candidate order by raw_line)
        end as preamble_rank
    from classified

),

file_headers as (

    select
        source_file,
        len(csv_fields) as header_field_count,
        lower(trim(csv_fields[1])) as interest_period,
        {{ list_map(
            'csv_fields[2:]', 'column_name',
            "coalesce(nullif(regexp_extract(trim(column_name), '" ~ header_pattern ~ "', 1), ''), trim(column_name))"
        ) }} as search_terms,
        {{ list_map(
            'csv_fields[2:]', 'column_name', "nullif(regexp_extract(trim(column_name), '" ~ header_pattern ~ "', 2), '')"
        ) }} as geo_names
    from preamble_ranked
    where line_kind_candidate = 'header' and preamble_rank = 1

),

fields as (

    select
        preamble_ranked.source_file,
        preamble_ranked.raw_line,
        preamble_ranked.csv_fields,
        preamble_ranked.line_kind_candidate,
        preamble_ranked.preamble_rank,
        file_headers.header_field_count,
        file_headers.interest_period,
        file_headers.search_terms,
        file_headers.geo_names,
        case
            when preamble_ranked.preamble_rank = 1 then preamble_ranked.line_kind_candidate else 'data'
        end as line_kind,
        nullif(trim(preamble_ranked.csv_fields[1]), '') as period_raw,
        {{ list_map('preamble_ranked.csv_fields[2:]', 'interest_value', "nullif(trim(interest_value), '')") }}
            as interest_raw_values
    from preamble_ranked
    left join file_headers
        on preamble_ranked.source_file = file_headers.source_file

),

typed as (

    select
        *,
        {{ safe_cast_date('period_raw') }} as interest_date,
        {{ list_map(
            'interest_raw_values', 'interest_value',
            "case when interest_value = '<1' then 0 else " ~ safe_cast_integer('interest_value') ~ ' end'
        ) }} as interest_values
    from fields

),

checked as (

    select
        *,
        case
            when line_kind != 'data' then null
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when csv_fields is null or header_field_count is null then 'malformed_csv'
            when line_kind_candidate in ('category', 'header') then 'malformed_csv'
            when len(csv_fields) != header_field_count then 'malformed_csv'
            when period_raw is null then 'missing_key:Day'
            when {{ list_any('interest_raw_values', 'interest_value', 'interest_value is null') }}
                then 'missing_field:interest'
            when interest_date is null then 'invalid_type:Day'
            when {{ list_any('interest_values', 'interest_value', 'interest_value is null') }}
                then 'invalid_type:interest'
            when {{ list_any('interest_values', 'interest_value', 'interest_value not between 0 and 100') }}
                then 'impossible_value:interest'
            when {{ is_impossible_timestamp('cast(interest_date as timestamp)', build_started_at()) }}
                then 'impossible_timestamp:Day'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        line_kind,
        interest_period,
        interest_date,
        search_terms,
        geo_names,
        interest_values,
        {{ list_map('interest_raw_values', 'interest_value', "interest_value = '<1'") }} as below_one_flags,
        reject_reason,
        md5(raw_line) as line_hash,
        case when reject_reason is not null then raw_line end as raw_line
    from checked

),

ranked as (

    select
        *,
        case
            when reject_reason is null and line_kind = 'data'
                then row_number() over (
                    partition by reject_reason is null and line_kind = 'data', source_file, interest_date
                    order by line_hash desc
                )
        end as pull_rank
    from trimmed

),

final as (

    select
        *,
        coalesce(pull_rank = 1, false) as is_staged
    from ranked

)

select * from final
