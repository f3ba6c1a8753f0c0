{%- set record_schema = {
    'id': 'varchar',
    'video_id': 'varchar',
    'text': 'varchar',
    'like_count': 'varchar',
    'reply_count': 'varchar',
    'parent_comment_id': 'varchar',
    'create_time': 'varchar',
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('tiktok', 'comments') }}

),

parsed as (

    select
        filename as source_file,
        raw_line,
        {{ parse_json_object('raw_line', record_schema) }} as record
    from source_lines

),

fields as (

    select
        source_file,
        raw_line,
        record,
        nullif(trim(record['id']), '') as comment_id,
        nullif(trim(record['video_id']), '') as video_id,
        nullif(trim(record['parent_comment_id']), '') as parent_comment_id,
        record['text'] as comment_text,
        record['like_count'] as like_count_raw,
        record['reply_count'] as reply_count_raw,
        record['create_time'] as create_time_raw,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ safe_cast_integer('like_count_raw') }} as like_count,
        {{ safe_cast_integer('reply_count_raw') }} as reply_count,
        {{ unix_seconds_to_timestamp('create_time_raw') }} as commented_at,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when comment_id is null then 'missing_key:id'
            when video_id is null then 'missing_field:video_id'
            when comment_text is null then 'missing_field:text'
            when create_time_raw is null then 'missing_field:create_time'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when like_count_raw is not null and like_count is null then 'invalid_type:like_count'
            when reply_count_raw is not null and reply_count is null then 'invalid_type:reply_count'
            when commented_at is null then 'invalid_type:create_time'
            when pulled_at is null then 'invalid_type:pulled_at'
            when {{ is_impossible_count('like_count') }} then 'impossible_value:like_count'
            when {{ is_impossible_count('reply_count') }} then 'impossible_value:reply_count'
            when {{ is_impossible_timestamp('commented_at', 'pulled_at') }} then 'impossible_timestamp:create_time'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        comment_id,
        video_id,
        parent_comment_id,
        parent_comment_id is not null as is_reply,
        comment_text,
        like_count,
        reply_count,
        commented_at,
        pulled_at,
        reject_reason,
        md5(raw_line) as line_hash,
        case when reject_reason is not null then raw_line end as raw_line
    from checked

),

ranked as (

    select
        *,
        case
            when reject_reason is null
                then row_number() over (
                    partition by reject_reason is null, comment_id
                    order by pulled_at desc, line_hash desc
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
