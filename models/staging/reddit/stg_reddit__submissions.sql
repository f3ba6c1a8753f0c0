with base_submissions as (

    select * from {{ ref('base_reddit__submissions') }}

),

final as (

    select
        submission_id,
        submission_fullname,
        subreddit,
        title,
        body_text,
        author_hash,
        posted_at,
        score,
        upvote_rate,
        comment_count,
        permalink,
        pulled_at
    from base_submissions
    where is_staged

)

select * from final
