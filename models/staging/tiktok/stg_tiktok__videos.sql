with base_videos as (

    select * from {{ ref('base_tiktok__videos') }}

),

final as (

    select
        video_id,
        creator_username,
        posted_at,
        region_code,
        video_description,
        hashtags,
        view_count,
        like_count,
        comment_count,
        share_count,
        duration_seconds,
        music_id,
        linked_product_ids,
        pulled_at
    from base_videos
    where is_staged

)

select * from final
