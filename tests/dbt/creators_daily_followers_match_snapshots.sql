-- On every snapshot day the daily follower series carries the snapshot's own count
-- (interpolation happens only between snapshots).
with growth as (

    select * from {{ ref('fct_creator_daily_growth') }}

),

snapshots as (

    select * from {{ ref('int_creator_account_snapshots') }}

),

final as (

    select
        snapshots.platform,
        snapshots.creator_username,
        snapshots.snapshot_date,
        snapshots.follower_count as snapshot_follower_count,
        growth.follower_count as daily_follower_count
    from snapshots
    left join growth
        on
            snapshots.platform = growth.platform
            and snapshots.creator_username = growth.creator_username
            and snapshots.snapshot_date = growth.follower_date
    where
        growth.follower_count is null
        or growth.follower_count != snapshots.follower_count
        or not growth.is_snapshot_day

)

select * from final
