with base_comments as (

    select * from {{ ref('base_reddit__comments') }}

),

final as (

    select
        comment_id,
        comment_fullname,
        submission_id,
        parent_comment_id,
        is_top_level,
        subreddit,
        comment_text,
        author_hash,
        commented_at,
        score,
        pulled_at
    from base_comments
    where is_staged

)

select * from final
