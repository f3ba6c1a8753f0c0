{#- Columns a header line must name (how the file's header is recognised without line numbers). -#}
{%- set header_columns = ['experiment_id', 'user_pseudo_id', 'variant', 'assigned_at'] -%}

with source_lines as (

    select * from {{ source('experiments', 'assignments') }}

),

csv_lines as (

    {{ csv_lines_with_header('source_lines', header_columns) }}

),

fields as (

    select
        source_file,
        raw_line,
        csv_fields,
        header_rank,
        header_fields,
        line_kind,
        {{ csv_field('csv_fields', 'header_fields', 'experiment_id') }} as experiment_id,
        {{ csv_field('csv_fields', 'header_fields', 'user_pseudo_id') }} as user_pseudo_id,
        {{ csv_field('csv_fields', 'header_fields', 'variant') }} as variant,
        {{ csv_field('csv_fields', 'header_fields', 'assigned_at') }} as assigned_at_raw,
        lower({{ csv_field('csv_fields', 'header_fields', 'platform') }}) as platform
    from csv_lines

),

typed as (

    select
        *,
        {{ iso_to_utc_timestamp('assigned_at_raw') }} as assigned_at
    from fields

),

checked as (

    select
        *,
        case
            when line_kind = 'header' then null
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when csv_fields is null or header_fields is null or header_rank > 1 then 'malformed_csv'
            when len(csv_fields) != len(header_fields) then 'malformed_csv'
            when experiment_id is null then 'missing_key:experiment_id'
            when user_pseudo_id is null then 'missing_key:user_pseudo_id'
            when variant is null then 'missing_field:variant'
            when assigned_at_raw is null then 'missing_field:assigned_at'
            when assigned_at is null then 'invalid_type:assigned_at'
            when {{ is_impossible_timestamp('assigned_at', build_started_at()) }}
                then 'impossible_timestamp:assigned_at'
            when platform not in ('web', 'app') then 'invalid_value:platform'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        line_kind,
        experiment_id,
        user_pseudo_id,
        variant,
        assigned_at,
        platform,
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
                    partition by reject_reason is null and line_kind = 'data', experiment_id, user_pseudo_id
                    order by assigned_at asc, line_hash desc
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
