with snapshots as (

    select * from {{ ref('int_creator_account_snapshots') }}

),

posts as (

    select * from {{ ref('int_social_posts_unified') }}

),

intervals as (

    select
        platform,
        creator_username,
        snapshot_date as interval_start_date,
        follower_count as start_follower_count,
        lead(snapshot_date) over (
            partition by platform, creator_username order by snapshot_date
        ) as interval_end_date,
        lead(follower_count) over (
            partition by platform, creator_username order by snapshot_date
        ) as end_follower_count
    from snapshots

),

interval_lengths as (

    select
        *,
        {{ dbt.datediff(
            'interval_start_date',
            'interval_end_date',
            'day'
        ) }}
            as interval_days
    from intervals
    where interval_end_date is not null

),

interval_gains as (

    select
        platform,
        creator_username,
        interval_start_date,
        interval_end_date,
        start_follower_count,
        interval_days,
        (end_follower_count - start_follower_count) / interval_days as daily_gain
    from interval_lengths

),

gain_medians as (

    select
        platform,
        creator_username,
        median(daily_gain) as median_daily_gain
    from interval_gains
    group by platform, creator_username

),

gain_spread as (

    -- robust spread of the creator's own daily gains: 1.4826 x the median absolute deviation
    -- (the standard deviation for normal noise, untouched by a few jumps)
    select
        interval_gains.platform,
        interval_gains.creator_username,
        gain_medians.median_daily_gain,
        1.4826 * median(abs(interval_gains.daily_gain - gain_medians.median_daily_gain)) as robust_sd_daily_gain
    from interval_gains
    inner join gain_medians
        on
            interval_gains.platform = gain_medians.platform
            and interval_gains.creator_username = gain_medians.creator_username
    group by interval_gains.platform, interval_gains.creator_username, gain_medians.median_daily_gain

),

creator_views as (

    select
        platform,
        creator_username,
        median(view_count) as median_views_per_post
    from posts
    group by platform, creator_username

),

interval_views as (

    select
        interval_gains.platform,
        interval_gains.creator_username,
        interval_gains.interval_start_date,
        avg(posts.view_count) as avg_views_per_post
    from interval_gains
    inner join posts
        on
            interval_gains.platform = posts.platform
            and interval_gains.creator_username = posts.creator_username
            and interval_gains.interval_start_date <= posts.posted_date
            and interval_gains.interval_end_date > posts.posted_date
    group by interval_gains.platform, interval_gains.creator_username, interval_gains.interval_start_date

),

flagged_intervals as (

    select
        interval_gains.platform,
        interval_gains.creator_username,
        interval_gains.interval_days,
        interval_gains.daily_gain,
        gain_spread.median_daily_gain,
        (
            interval_gains.daily_gain
            > gain_spread.median_daily_gain
            + {{ var('creators_follower_jump_mads') }} * gain_spread.robust_sd_daily_gain
            and interval_gains.daily_gain - gain_spread.median_daily_gain
            > {{ var('creators_follower_jump_min_daily_rate') }} * interval_gains.start_follower_count
        ) as is_follower_jump,
        coalesce(interval_views.avg_views_per_post, 0)
        < {{ var('creators_views_rise_multiple') }} * coalesce(creator_views.median_views_per_post, 0)
        or creator_views.median_views_per_post is null as is_views_flat
    from interval_gains
    inner join gain_spread
        on
            interval_gains.platform = gain_spread.platform
            and interval_gains.creator_username = gain_spread.creator_username
    left join interval_views
        on
            interval_gains.platform = interval_views.platform
            and interval_gains.creator_username = interval_views.creator_username
            and interval_gains.interval_start_date = interval_views.interval_start_date
    left join creator_views
        on
            interval_gains.platform = creator_views.platform
            and interval_gains.creator_username = creator_views.creator_username

),

creator_estimates as (

    select
        platform,
        creator_username,
        count(*) as interval_count,
        count(*) filter (where is_follower_jump and is_views_flat) as unexplained_jump_count,
        coalesce(
            sum((daily_gain - median_daily_gain) * interval_days) filter (
                where is_follower_jump and is_views_flat
            ),
            0
        ) as unexplained_follower_gain
    from flagged_intervals
    group by platform, creator_username

),

latest_followers as (

    select
        platform,
        creator_username,
        follower_count as followers_now
    from snapshots
    where is_latest_snapshot

),

final as (

    select
        latest_followers.platform,
        latest_followers.creator_username,
        latest_followers.followers_now,
        coalesce(creator_estimates.interval_count, 0) as snapshot_interval_count,
        coalesce(creator_estimates.unexplained_jump_count, 0) as unexplained_jump_count,
        cast(round(coalesce(creator_estimates.unexplained_follower_gain, 0)) as bigint) as unexplained_follower_gain,
        least(
            1.0,
            greatest(
                0.0,
                coalesce(creator_estimates.unexplained_follower_gain, 0)
                / nullif(latest_followers.followers_now, 0)
            )
        ) as estimated_fake_follower_share
    from latest_followers
    left join creator_estimates
        on
            latest_followers.platform = creator_estimates.platform
            and latest_followers.creator_username = creator_estimates.creator_username

)

select
    *,
    1 - estimated_fake_follower_share as audience_authenticity_rate
from final
