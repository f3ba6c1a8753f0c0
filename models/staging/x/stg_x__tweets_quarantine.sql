with base_tweets as (

    select * from {{ ref('base_x__tweets') }}

),

final as (

    select
        source_file,
        tweet_id,
        reject_reason,
        raw_line
    from base_tweets
    where reject_reason is not null

)

select * from final
