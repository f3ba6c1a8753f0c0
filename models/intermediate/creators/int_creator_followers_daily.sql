with snapshots as (

    select * from {{ ref('int_creator_account_snapshots') }}

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

days_between as (

    -- every day from a snapshot up to the day before the next one; the last snapshot is its
    -- own day (no extrapolation past the latest pull)
    select
        platform,
        creator_username,
        interval_start_date,
        interval_end_date,
        start_follower_count,
        end_follower_count,
        cast(unnest(generate_series(
            interval_start_date,
            coalesce(interval_end_date - 1, interval_start_date),
            interval 1 day
        )) as date) as follower_date
    from intervals

),

interpolated as (

    select
        platform,
        creator_username,
        follower_date,
        follower_date = interval_start_date as is_snapshot_day,
        case
            when interval_end_date is null then start_follower_count
            else cast(round(
                start_follower_count
                + (end_follower_count - start_follower_count)
                * {{ dbt.datediff('interval_start_date', 'follower_date', 'day') }}
                / {{ dbt.datediff('interval_start_date', 'interval_end_date', 'day') }}
            ) as bigint)
        end as follower_count
    from days_between

),

final as (

    select
        platform,
        creator_username,
        follower_date,
        follower_count,
        is_snapshot_day
    from interpolated

)

select * from final
