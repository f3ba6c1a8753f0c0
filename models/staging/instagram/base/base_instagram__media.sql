{%- set record_schema = {
    'id': 'varchar',
    'owner': {'id': 'varchar', 'username': 'varchar'},
    'caption': 'varchar',
    'media_type': 'varchar',
    'media_product_type': 'varchar',
    'timestamp': 'varchar',
    'permalink': 'varchar',
    'like_count': 'varchar',
    'comments_count': 'varchar',
    'insights': {'data': [{'name': 'varchar', 'values': [{'value': 'varchar'}]}]},
    'product_tags': [{'product_id': 'varchar'}],
    'pulled_at': 'varchar',
} -%}
{%- set insight_metrics = ['reach', 'views', 'saved', 'shares'] -%}

with source_lines as (

    select * from {{ source('instagram', 'media') }}

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
        nullif(trim(record['id']), '') as media_id,
        nullif(trim(record['owner']['id']), '') as account_id,
        nullif(trim(record['owner']['username']), '') as creator_username,
        record['caption'] as caption,
        lower(record['media_type']) as media_type,
        lower(record['media_product_type']) as media_product_type,
        record['timestamp'] as timestamp_raw,
        record['permalink'] as permalink,
        record['like_count'] as like_count_raw,
        record['comments_count'] as comments_count_raw,
        {%- for metric in insight_metrics %}
            {{ list_first_match("record['insights']['data']", 'insight', "insight['name'] = '" ~ metric ~ "'") }}
                as insight_{{ metric }},
        {%- endfor %}
        {{ list_map("record['product_tags']", 'product_tag', "product_tag['product_id']") }} as tagged_product_ids,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

insights_flattened as (

    select
        *,
        {%- for metric in insight_metrics %}
            insight_{{ metric }}['values'][1]['value'] as insight_{{ metric }}_raw,
        {%- endfor %}
        {{ iso_to_utc_timestamp('timestamp_raw') }} as posted_at
    from fields

),

typed as (

    select
        *,
        {{ safe_cast_integer('like_count_raw') }} as like_count,
        {{ safe_cast_integer('comments_count_raw') }} as comment_count,
        {{ safe_cast_integer('insight_reach_raw') }} as reach_count,
        {{ safe_cast_integer('insight_views_raw') }} as view_count,
        {{ safe_cast_integer('insight_saved_raw') }} as saved_count,
        {{ safe_cast_integer('insight_shares_raw') }} as share_count,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from insights_flattened

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when media_id is null then 'missing_key:id'
            when account_id is null then 'missing_field:owner.id'
            when media_type is null then 'missing_field:media_type'
            when timestamp_raw is null then 'missing_field:timestamp'
            when like_count_raw is null then 'missing_field:like_count'
            when comments_count_raw is null then 'missing_field:comments_count'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when posted_at is null then 'invalid_type:timestamp'
            when like_count is null then 'invalid_type:like_count'
            when comment_count is null then 'invalid_type:comments_count'
            when insight_reach_raw is not null and reach_count is null then 'invalid_type:insights.reach'
            when insight_views_raw is not null and view_count is null then 'invalid_type:insights.views'
            when insight_saved_raw is not null and saved_count is null then 'invalid_type:insights.saved'
            when insight_shares_raw is not null and share_count is null then 'invalid_type:insights.shares'
            when pulled_at is null then 'invalid_type:pulled_at'
            when {{ is_impossible_count('like_count') }} then 'impossible_value:like_count'
            when {{ is_impossible_count('comment_count') }} then 'impossible_value:comments_count'
            when {{ is_impossible_count('reach_count') }} then 'impossible_value:insights.reach'
            when {{ is_impossible_count('view_count') }} then 'impossible_value:insights.views'
            when {{ is_impossible_count('saved_count') }} then 'impossible_value:insights.saved'
            when {{ is_impossible_count('share_count') }} then 'impossible_value:insights.shares'
            when {{ is_impossible_timestamp('posted_at', 'pulled_at') }} then 'impossible_timestamp:timestamp'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
            when media_type not in ('image', 'video', 'carousel_album') then 'invalid_value:media_type'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        media_id,
        account_id,
        creator_username,
        posted_at,
        caption,
        media_type,
        media_product_type,
        permalink,
        like_count,
        comment_count,
        reach_count,
        view_count,
        saved_count,
        share_count,
        tagged_product_ids,
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
                    partition by reject_reason is null, media_id
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
