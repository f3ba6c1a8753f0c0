with snapshots as (

    select * from {{ ref('int_creator_account_snapshots') }}

),

creator_tiers as (

    select * from {{ ref('creator_tiers') }}

),

account_history as (

    select
        platform,
        creator_username,
        min(snapshot_date) as first_snapshot_date,
        max(snapshot_date) as last_snapshot_date,
        count(*) as snapshot_count
    from snapshots
    group by platform, creator_username

),

latest_snapshots as (

    select
        platform,
        creator_username,
        display_name,
        is_verified,
        follower_count as followers_now
    from snapshots
    where is_latest_snapshot

),

tiered as (

    -- lower bound inclusive, upper bound exclusive, no upper bound for the top tier; an account
    -- below the smallest lower bound has no tier
    select
        latest_snapshots.platform,
        latest_snapshots.creator_username,
        latest_snapshots.display_name,
        latest_snapshots.is_verified,
        latest_snapshots.followers_now,
        creator_tiers.tier,
        creator_tiers.tier_rank
    from latest_snapshots
    left join creator_tiers
        on
            latest_snapshots.followers_now >= creator_tiers.min_followers
            and (
                latest_snapshots.followers_now < creator_tiers.max_followers
                or creator_tiers.max_followers is null
            )

),

final as (

    select
        tiered.platform,
        tiered.creator_username,
        tiered.display_name,
        tiered.is_verified,
        tiered.followers_now,
        tiered.tier,
        tiered.tier_rank,
        account_history.first_snapshot_date,
        account_history.last_snapshot_date,
        account_history.snapshot_count
    from tiered
    inner join account_history
        on
            tiered.platform = account_history.platform
            and tiered.creator_username = account_history.creator_username

)

select * from final
