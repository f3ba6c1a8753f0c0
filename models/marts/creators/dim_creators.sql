with accounts as (

    select * from {{ ref('int_creator_accounts_tiered') }}

),

posts as (

    select * from {{ ref('int_social_posts_unified') }}

),

post_products as (

    select * from {{ ref('int_creator_post_products') }}

),

region_counts as (

    -- regions come from TikTok videos only (Instagram media carry none)
    select
        creator_username,
        region_code,
        row_number() over (
            partition by creator_username order by count(*) desc, region_code asc
        ) as region_rank
    from posts
    where platform = 'tiktok' and region_code is not null
    group by creator_username, region_code

),

category_counts as (

    select
        creator_username,
        category,
        row_number() over (
            partition by creator_username order by count(distinct post_id) desc, category asc
        ) as category_rank
    from post_products
    where category is not null
    group by creator_username, category

),

post_activity as (

    select
        platform,
        creator_username,
        count(*) as post_count,
        min(posted_at) as first_post_at,
        max(posted_at) as last_post_at
    from posts
    group by platform, creator_username

),

final as (

    select
        accounts.platform || ':' || accounts.creator_username as creator_platform_id,
        accounts.creator_username,
        accounts.platform,
        accounts.display_name,
        accounts.tier,
        accounts.tier_rank,
        accounts.is_verified,
        region_counts.region_code,
        category_counts.category as main_category,
        accounts.followers_now,
        least(accounts.first_snapshot_date, cast(post_activity.first_post_at as date)) as first_seen_date,
        greatest(accounts.last_snapshot_date, cast(post_activity.last_post_at as date)) as last_seen_date,
        coalesce(post_activity.post_count, 0) as post_count
    from accounts
    left join region_counts
        on
            accounts.creator_username = region_counts.creator_username
            and region_counts.region_rank = 1
    left join category_counts
        on
            accounts.creator_username = category_counts.creator_username
            and category_counts.category_rank = 1
    left join post_activity
        on
            accounts.platform = post_activity.platform
            and accounts.creator_username = post_activity.creator_username

)

select
    creator_platform_id,
    creator_username,
    platform,
    display_name,
    tier,
    tier_rank,
    is_verified,
    region_code,
    main_category,
    followers_now,
    first_seen_date,
    last_seen_date,
    post_count
from final
