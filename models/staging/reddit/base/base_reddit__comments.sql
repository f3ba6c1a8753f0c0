{%- set record_schema = {
    'kind': 'varchar',
    'data': {
        'id': 'varchar',
        'name': 'varchar',
        'link_id': 'varchar',
        'parent_id': 'varchar',
        'subreddit': 'varchar',
        'body': 'varchar',
        'author': 'varchar',
        'created_utc': 'varchar',
        'score': 'varchar',
    },
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('reddit', 'comments') }}

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
        record['kind'] as listing_kind,
        nullif(trim(record['data']['id']), '') as comment_id,
        nullif(trim(record['data']['name']), '') as comment_fullname,
        nullif(trim(record['data']['link_id']), '') as link_fullname,
        nullif(trim(record['data']['parent_id']), '') as parent_fullname,
        record['data']['subreddit'] as subreddit,
        record['data']['body'] as comment_text,
        record['data']['author'] as author,
        record['data']['created_utc'] as created_utc_raw,
        record['data']['score'] as score_raw,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ unix_seconds_to_timestamp('created_utc_raw') }} as commented_at,
        {{ safe_cast_integer('score_raw') }} as score,
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
            when listing_kind is null then 'missing_field:kind'
            when comment_fullname is null then 'missing_field:name'
            when link_fullname is null then 'missing_field:link_id'
            when subreddit is null then 'missing_field:subreddit'
            when comment_text is null then 'missing_field:body'
            when author is null then 'missing_field:author'
            when created_utc_raw is null then 'missing_field:created_utc'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when commented_at is null then 'invalid_type:created_utc'
            when score_raw is not null and score is null then 'invalid_type:score'
            when pulled_at is null then 'invalid_type:pulled_at'
            when {{ is_impossible_timestamp('commented_at', 'pulled_at') }} then 'impossible_timestamp:created_utc'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
            when listing_kind != 't1' then 'invalid_value:kind'
            when not starts_with(link_fullname, 't3_') then 'invalid_value:link_id'
            when not (starts_with(parent_fullname, 't1_') or starts_with(parent_fullname, 't3_'))
                then 'invalid_value:parent_id'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        comment_id,
        comment_fullname,
        substr(link_fullname, 4) as submission_id,
        case when starts_with(parent_fullname, 't1_') then substr(parent_fullname, 4) end as parent_comment_id,
        coalesce(parent_fullname is null or starts_with(parent_fullname, 't3_'), false) as is_top_level,
        subreddit,
        comment_text,
        {{ hash_pii('author') }} as author_hash,
        commented_at,
        score,
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
