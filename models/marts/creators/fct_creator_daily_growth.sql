with followers_daily as (

    select * from {{ ref('int_creator_followers_daily') }}

),

with_previous as (

    select
        *,
        lag(follower_count) over (
            partition by platform, creator_username order by follower_date
        ) as previous_follower_count
    from followers_daily

),

final as (

    select
        platform || ':' || creator_username as creator_platform_id,
        creator_username,
        platform,
        follower_date,
        follower_count,
        follower_count - previous_follower_count as follower_change,
        (follower_count - previous_follower_count) / nullif(previous_follower_count, 0) as growth_rate,
        is_snapshot_day
    from with_previous

)

select
    creator_platform_id,
    creator_username,
    platform,
    follower_date,
    follower_count,
    follower_change,
    growth_rate,
    is_snapshot_day
from final
