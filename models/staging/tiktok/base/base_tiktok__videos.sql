{%- set record_schema = {
    'id': 'varchar',
    'create_time': 'varchar',
    'username': 'varchar',
    'region_code': 'varchar',
    'video_description': 'varchar',
    'hashtag_names': ['varchar'],
    'view_count': 'varchar',
    'like_count': 'varchar',
    'comment_count': 'varchar',
    'share_count': 'varchar',
    'video_duration': 'varchar',
    'music_id': 'varchar',
    'anchors': [{'type': 'varchar', 'id': 'varchar', 'url': 'varchar'}],
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('tiktok', 'videos') }}

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
        nullif(trim(record['id']), '') as video_id,
        record['create_time'] as create_time_raw,
        record['username'] as creator_username,
        record['region_code'] as region_code,
        record['video_description'] as video_description,
        record['hashtag_names'] as hashtags,
        record['view_count'] as view_count_raw,
        record['like_count'] as like_count_raw,
        record['comment_count'] as comment_count_raw,
        record['share_count'] as share_count_raw,
        record['video_duration'] as video_duration_raw,
        record['music_id'] as music_id,
        record['anchors'] as anchors,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ unix_seconds_to_timestamp('create_time_raw') }} as posted_at,
        {{ safe_cast_integer('view_count_raw') }} as view_count,
        {{ safe_cast_integer('like_count_raw') }} as like_count,
        {{ safe_cast_integer('comment_count_raw') }} as comment_count,
        {{ safe_cast_integer('share_count_raw') }} as share_count,
        {{ safe_cast_integer('video_duration_raw') }} as duration_seconds,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when video_id is null then 'missing_key:id'
            when create_time_raw is null then 'missing_field:create_time'
            when creator_username is null then 'missing_field:username'
            when view_count_raw is null then 'missing_field:view_count'
            when like_count_raw is null then 'missing_field:like_count'
            when comment_count_raw is null then 'missing_field:comment_count'
            when share_count_raw is null then 'missing_field:share_count'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when posted_at is null then 'invalid_type:create_time'
            when view_count is null then 'invalid_type:view_count'
            when like_count is null then 'invalid_type:like_count'
            when comment_count is null then 'invalid_type:comment_count'
            when share_count is null then 'invalid_type:share_count'
            when video_duration_raw is not null and duration_seconds is null then 'invalid_type:video_duration'
            when pulled_at is null then 'invalid_type:pulled_at'
            when {{ is_impossible_count('view_count') }} then 'impossible_value:view_count'
            when {{ is_impossible_count('like_count') }} then 'impossible_value:like_count'
            when {{ is_impossible_count('comment_count') }} then 'impossible_value:comment_count'
            when {{ is_impossible_count('share_count') }} then 'impossible_value:share_count'
            when {{ is_impossible_count('duration_seconds') }} then 'impossible_value:video_duration'
            when {{ is_impossible_timestamp('posted_at', 'pulled_at') }} then 'impossible_timestamp:create_time'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        video_id,
        creator_username,
        posted_at,
        region_code,
        video_description,
        hashtags,
        view_count,
        like_count,
        comment_count,
        share_count,
        duration_seconds,
        music_id,
        {{ list_map(list_filter_where('anchors', 'anchor', "anchor['type'] = 'product'"), 'anchor', "anchor['id']") }}
            as linked_product_ids,
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
                    partition by reject_reason is null, video_id
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
