with base_tweets as (

    select * from {{ ref('base_x__tweets') }}

),

final as (

    select
        tweet_id,
        tweet_text,
        language_code,
        posted_at,
        author_id_hash,
        author_username_hash,
        author_name_hash,
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
        pulled_at
    from base_tweets
    where is_staged

)

select * from final
