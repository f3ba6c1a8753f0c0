{%- set record_schema = {
    'id': 'varchar',
    'username': 'varchar',
    'name': 'varchar',
    'biography': 'varchar',
    'followers_count': 'varchar',
    'follows_count': 'varchar',
    'media_count': 'varchar',
    'is_verified': 'varchar',
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('instagram', 'accounts') }}

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
        nullif(trim(record['id']), '') as account_id,
        nullif(trim(record['username']), '') as username,
        record['name'] as display_name,
        record['biography'] as biography,
        record['followers_count'] as followers_count_raw,
        record['follows_count'] as follows_count_raw,
        record['media_count'] as media_count_raw,
        record['is_verified'] as is_verified_raw,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ safe_cast_integer('followers_count_raw') }} as follower_count,
        {{ safe_cast_integer('follows_count_raw') }} as following_count,
        {{ safe_cast_integer('media_count_raw') }} as media_count,
        {{ safe_cast_boolean('is_verified_raw') }} as is_verified,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when account_id is null then 'missing_key:id'
            when username is null then 'missing_field:username'
            when followers_count_raw is null then 'missing_field:followers_count'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when follower_count is null then 'invalid_type:followers_count'
            when follows_count_raw is not null and following_count is null then 'invalid_type:follows_count'
            when media_count_raw is not null and media_count is null then 'invalid_type:media_count'
            when is_verified_raw is not null and is_verified is null then 'invalid_type:is_verified'
            when pulled_at is null then 'invalid_type:pulled_at'
            when {{ is_impossible_count('follower_count') }} then 'impossible_value:followers_count'
            when {{ is_impossible_count('following_count') }} then 'impossible_value:follows_count'
            when {{ is_impossible_count('media_count') }} then 'impossible_value:media_count'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        account_id,
        pulled_at,
        username,
        display_name,
        biography,
        follower_count,
        following_count,
        media_count,
        is_verified,
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
                    partition by reject_reason is null, account_id, pulled_at
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
