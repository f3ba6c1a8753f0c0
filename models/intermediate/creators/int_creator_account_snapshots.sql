with tiktok_user_info as (

    select * from {{ ref('stg_tiktok__user_info') }}

),

instagram_accounts as (

    select * from {{ ref('stg_instagram__accounts') }}

),

unioned as (

    select
        'tiktok' as platform,
        username as creator_username,
        pulled_at,
        display_name,
        is_verified,
        follower_count
    from tiktok_user_info

    union all

    select
        'instagram' as platform,
        username as creator_username,
        pulled_at,
        display_name,
        coalesce(is_verified, false) as is_verified,
        follower_count
    from instagram_accounts

),

ranked as (

    select
        *,
        cast(pulled_at as date) as snapshot_date,
        row_number() over (
            partition by platform, creator_username, cast(pulled_at as date)
            order by pulled_at desc
        ) as rank_in_day
    from unioned

),

final as (

    select
        platform,
        creator_username,
        snapshot_date,
        pulled_at,
        display_name,
        is_verified,
        follower_count,
        row_number() over (
            partition by platform, creator_username order by snapshot_date desc
        ) = 1 as is_latest_snapshot
    from ranked
    where rank_in_day = 1

)

select * from final
