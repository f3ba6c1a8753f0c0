with tiktok_videos as (

    select * from {{ ref('stg_tiktok__videos') }}

),

instagram_media as (

    select * from {{ ref('stg_instagram__media') }}

),

snapshots as (

    select * from {{ ref('int_creator_account_snapshots') }}

),

unioned as (

    select
        'tiktok' as platform,
        video_id as platform_post_id,
        creator_username,
        posted_at,
        'video' as media_type,
        region_code,
        video_description as caption,
        list_transform(hashtags, tag -> lower(tag)) as hashtags,
        view_count,
        like_count,
        comment_count,
        share_count,
        linked_product_ids
    from tiktok_videos

    union all

    select
        'instagram' as platform,
        media_id as platform_post_id,
        creator_username,
        posted_at,
        media_type,
        null as region_code,
        caption,
        list_transform(regexp_extract_all(caption, '#(\w+)', 1), tag -> lower(tag)) as hashtags,
        view_count,
        like_count,
        comment_count,
        share_count,
        tagged_product_ids as linked_product_ids
    from instagram_media

),

flagged as (

    select
        *,
        platform || ':' || platform_post_id as post_id,
        coalesce(
            regexp_matches(lower(caption), '#(ad|sponsored)\b')
            or contains(lower(caption), 'paid partnership'),
            false
        ) as is_sponsored
    from unioned

),

snapshot_candidates as (

    -- followers at post time: the nearest snapshot before the post, or for a post older than
    -- every snapshot the earliest one after it
    select
        flagged.post_id,
        snapshots.follower_count,
        row_number() over (
            partition by flagged.post_id
            order by
                case when snapshots.pulled_at <= flagged.posted_at then 0 else 1 end,
                abs(epoch(snapshots.pulled_at) - epoch(flagged.posted_at))
        ) as snapshot_rank
    from flagged
    inner join snapshots
        on
            flagged.platform = snapshots.platform
            and flagged.creator_username = snapshots.creator_username

),

followers_at_post as (

    select
        post_id,
        follower_count
    from snapshot_candidates
    where snapshot_rank = 1

),

final as (

    select
        flagged.post_id,
        flagged.platform,
        flagged.platform_post_id,
        flagged.creator_username,
        flagged.posted_at,
        cast(flagged.posted_at as date) as posted_date,
        flagged.media_type,
        flagged.region_code,
        flagged.caption,
        flagged.hashtags,
        flagged.linked_product_ids,
        flagged.is_sponsored,
        flagged.view_count,
        flagged.like_count,
        flagged.comment_count,
        flagged.share_count,
        followers_at_post.follower_count as follower_count_at_post,
        flagged.like_count + flagged.comment_count + coalesce(flagged.share_count, 0) as engagement_count,
        (flagged.like_count + flagged.comment_count + coalesce(flagged.share_count, 0))
        / nullif(flagged.view_count, 0) as engagement_rate_by_views,
        (flagged.like_count + flagged.comment_count + coalesce(flagged.share_count, 0))
        / nullif(followers_at_post.follower_count, 0) as engagement_rate_by_followers,
        flagged.like_count / nullif(flagged.view_count, 0) as like_rate,
        flagged.comment_count / nullif(flagged.view_count, 0) as comment_rate,
        flagged.share_count / nullif(flagged.view_count, 0) as share_rate
    from flagged
    left join followers_at_post
        on flagged.post_id = followers_at_post.post_id

)

select * from final
