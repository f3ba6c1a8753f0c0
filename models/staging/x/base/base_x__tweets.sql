{%- set record_schema = {
    'id': 'varchar',
    'text': 'varchar',
    'created_at': 'varchar',
    'lang': 'varchar',
    'author_id': 'varchar',
    'author': {
        'id': 'varchar',
        'username': 'varchar',
        'name': 'varchar',
        'verified': 'varchar',
        'public_metrics': {'followers_count': 'varchar'},
    },
    'public_metrics': {
        'retweet_count': 'varchar',
        'reply_count': 'varchar',
        'like_count': 'varchar',
        'quote_count': 'varchar',
        'impression_count': 'varchar',
    },
    'entities': {
        'hashtags': [{'tag': 'varchar'}],
        'cashtags': [{'tag': 'varchar'}],
        'mentions': [{'username': 'varchar'}],
    },
    'pulled_at': 'varchar',
} -%}
{%- set metrics = ['retweet_count', 'reply_count', 'like_count', 'quote_count', 'impression_count'] -%}

with source_lines as (

    select * from {{ source('x', 'tweets') }}

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
        nullif(trim(record['id']), '') as tweet_id,
        record['text'] as tweet_text,
        record['created_at'] as created_at_raw,
        record['lang'] as language_code,
        nullif(trim(record['author_id']), '') as author_id,
        record['author']['username'] as author_username,
        record['author']['name'] as author_name,
        record['author']['verified'] as author_verified_raw,
        record['author']['public_metrics']['followers_count'] as author_followers_count_raw,
        {%- for metric in metrics %}
            record['public_metrics']['{{ metric }}'] as {{ metric }}_raw,
        {%- endfor %}
        {{ list_map("record['entities']['hashtags']", 'hashtag', "lower(hashtag['tag'])") }} as hashtags,
        {{ list_map("record['entities']['cashtags']", 'cashtag', "upper(cashtag['tag'])") }} as cashtags,
        {{ list_map("record['entities']['mentions']", 'mention', "lower(mention['username'])") }}
            as mentioned_usernames,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ iso_to_utc_timestamp('created_at_raw') }} as posted_at,
        {{ safe_cast_boolean('author_verified_raw') }} as is_author_verified,
        {{ safe_cast_integer('author_followers_count_raw') }} as author_follower_count,
        {%- for metric in metrics %}
            {{ safe_cast_integer(metric ~ '_raw') }} as {{ metric }},
        {%- endfor %}
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when tweet_id is null then 'missing_key:id'
            when tweet_text is null then 'missing_field:text'
            when created_at_raw is null then 'missing_field:created_at'
            when author_id is null then 'missing_field:author_id'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when posted_at is null then 'invalid_type:created_at'
            when author_verified_raw is not null and is_author_verified is null then 'invalid_type:author.verified'
            when author_followers_count_raw is not null and author_follower_count is null
                then 'invalid_type:author.public_metrics.followers_count'
            {%- for metric in metrics %}
                when {{ metric }}_raw is not null and {{ metric }} is null
                    then 'invalid_type:public_metrics.{{ metric }}'
            {%- endfor %}
            when pulled_at is null then 'invalid_type:pulled_at'
            when {{ is_impossible_count('author_follower_count') }}
                then 'impossible_value:author.public_metrics.followers_count'
            {%- for metric in metrics %}
                when {{ is_impossible_count(metric) }} then 'impossible_value:public_metrics.{{ metric }}'
            {%- endfor %}
            when {{ is_impossible_timestamp('posted_at', 'pulled_at') }} then 'impossible_timestamp:created_at'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        tweet_id,
        tweet_text,
        language_code,
        posted_at,
        {{ hash_pii('author_id') }} as author_id_hash,
        {{ hash_pii('author_username') }} as author_username_hash,
        {{ hash_pii('author_name') }} as author_name_hash,
        is_author_verified,
        author_follower_count,
        retweet_count,
        reply_count,
        like_count,
        quote_count,
        impression_count,
        hashtags,
        cashtags,
        mentioned_usernames,
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
                    partition by reject_reason is null, tweet_id
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
