with base_comments as (

    select * from {{ ref('base_tiktok__comments') }}

),

final as (

    select
        comment_id,
        video_id,
        parent_comment_id,
        is_reply,
        comment_text,
        like_count,
        reply_count,
        commented_at,
        pulled_at
    from base_comments
    where is_staged

)

select * from final
