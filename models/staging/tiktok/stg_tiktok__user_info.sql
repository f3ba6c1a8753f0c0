with base_user_info as (

    select * from {{ ref('base_tiktok__user_info') }}

),

final as (

    select
        username,
        pulled_at,
        display_name,
        bio_description,
        is_verified,
        follower_count,
        following_count,
        total_like_count,
        video_count
    from base_user_info
    where is_staged

)

select * from final
