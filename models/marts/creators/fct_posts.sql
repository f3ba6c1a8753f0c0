with posts as (

    select * from {{ ref('int_social_posts_unified') }}

),

creator_baselines as (

    select
        platform,
        creator_username,
        count(view_count) as posts_with_views,
        median(view_count) as creator_median_views
    from posts
    group by platform, creator_username

),

with_baseline as (

    select
        posts.*,
        creator_baselines.posts_with_views,
        creator_baselines.creator_median_views,
        posts.view_count / nullif(creator_baselines.creator_median_views, 0) as views_to_creator_median
    from posts
    left join creator_baselines
        on
            posts.platform = creator_baselines.platform
            and posts.creator_username = creator_baselines.creator_username

),

final as (

    select
        *,
        -- viral: views at least `creators_viral_views_multiple` x the creator's median views on
        -- the platform, once the creator has `creators_viral_min_posts` posts with views
        coalesce(
            posts_with_views >= {{ var('creators_viral_min_posts') }}
            and view_count >= {{ var('creators_viral_views_multiple') }} * creator_median_views,
            false
        ) as is_viral
    from with_baseline

)

select
    post_id,
    platform,
    platform_post_id,
    creator_username,
    platform || ':' || creator_username as creator_platform_id,
    posted_at,
    posted_date,
    media_type,
    caption,
    hashtags,
    linked_product_ids,
    is_sponsored,
    view_count,
    like_count,
    comment_count,
    share_count,
    engagement_count,
    follower_count_at_post,
    engagement_rate_by_views,
    engagement_rate_by_followers,
    like_rate,
    comment_rate,
    share_rate,
    creator_median_views,
    views_to_creator_median,
    is_viral
from final
