{%- set record_schema = {
    'kind': 'varchar',
    'data': {
        'id': 'varchar',
        'name': 'varchar',
        'subreddit': 'varchar',
        'title': 'varchar',
        'selftext': 'varchar',
        'author': 'varchar',
        'created_utc': 'varchar',
        'score': 'varchar',
        'upvote_ratio': 'varchar',
        'num_comments': 'varchar',
        'permalink': 'varchar',
    },
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('reddit', 'submissions') }}

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
        nullif(trim(record['data']['id']), '') as submission_id,
        nullif(trim(record['data']['name']), '') as submission_fullname,
        record['data']['subreddit'] as subreddit,
        record['data']['title'] as title,
        record['data']['selftext'] as body_text,
        record['data']['author'] as author,
        record['data']['created_utc'] as created_utc_raw,
        record['data']['score'] as score_raw,
        record['data']['upvote_ratio'] as upvote_ratio_raw,
        record['data']['num_comments'] as num_comments_raw,
        record['data']['permalink'] as permalink,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ unix_seconds_to_timestamp('created_utc_raw') }} as posted_at,
        {{ safe_cast_integer('score_raw') }} as score,
        {{ safe_cast_number('upvote_ratio_raw') }} as upvote_rate,
        {{ safe_cast_integer('num_comments_raw') }} as comment_count,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when submission_id is null then 'missing_key:id'
            when listing_kind is null then 'missing_field:kind'
            when submission_fullname is null then 'missing_field:name'
            when subreddit is null then 'missing_field:subreddit'
            when title is null then 'missing_field:title'
            when author is null then 'missing_field:author'
            when created_utc_raw is null then 'missing_field:created_utc'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when posted_at is null then 'invalid_type:created_utc'
            when score_raw is not null and score is null then 'invalid_type:score'
            when upvote_ratio_raw is not null and upvote_rate is null then 'invalid_type:upvote_ratio'
            when num_comments_raw is not null and comment_count is null then 'invalid_type:num_comments'
            when pulled_at is null then 'invalid_type:pulled_at'
            when upvote_rate not between 0 and 1 then 'impossible_value:upvote_ratio'
            when {{ is_impossible_count('comment_count') }} then 'impossible_value:num_comments'
            when {{ is_impossible_timestamp('posted_at', 'pulled_at') }} then 'impossible_timestamp:created_utc'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
            when listing_kind != 't3' then 'invalid_value:kind'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        submission_id,
        submission_fullname,
        subreddit,
        title,
        body_text,
        {{ hash_pii('author') }} as author_hash,
        posted_at,
        score,
        upvote_rate,
        comment_count,
        permalink,
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
                    partition by reject_reason is null, submission_id
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
