{%- set record_schema = {
    'username': 'varchar',
    'display_name': 'varchar',
    'bio_description': 'varchar',
    'is_verified': 'varchar',
    'follower_count': 'varchar',
    'following_count': 'varchar',
    'likes_count': 'varchar',
    'video_count': 'varchar',
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('tiktok', 'user_info') }}

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
        nullif(trim(record['username']), '') as username,
        record['display_name'] as display_name,
        record['bio_description'] as bio_description,
        record['is_verified'] as is_verified_raw,
        record['follower_count'] as follower_count_raw,
        record['following_count'] as following_count_raw,
        record['likes_count'] as likes_count_raw,
        record['video_count'] as video_count_raw,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ safe_cast_boolean('is_verified_raw') }} as is_verified,
        {{ safe_cast_integer('follower_count_raw') }} as follower_count,
        {{ safe_cast_integer('following_count_raw') }} as following_count,
        {{ safe_cast_integer('likes_count_raw') }} as total_like_count,
        {{ safe_cast_integer('video_count_raw') }} as video_count,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when username is null then 'missing_key:username'
            when is_verified_raw is null then 'missing_field:is_verified'
            when follower_count_raw is null then 'missing_field:follower_count'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when is_verified is null then 'invalid_type:is_verified'
            when follower_count is null then 'invalid_type:follower_count'
            when following_count_raw is not null and following_count is null then 'invalid_type:following_count'
            when likes_count_raw is not null and total_like_count is null then 'invalid_type:likes_count'
            when video_count_raw is not null and video_count is null then 'invalid_type:video_count'
            when pulled_at is null then 'invalid_type:pulled_at'
            when {{ is_impossible_count('follower_count') }} then 'impossible_value:follower_count'
            when {{ is_impossible_count('following_count') }} then 'impossible_value:following_count'
            when {{ is_impossible_count('total_like_count') }} then 'impossible_value:likes_count'
            when {{ is_impossible_count('video_count') }} then 'impossible_value:video_count'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        username,
        pulled_at,
        display_name,
        bio_description,
        is_verified,
        follower_count,
        following_count,
        total_like_count,
        video_count,
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
                    partition by reject_reason is null, username, pulled_at
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
