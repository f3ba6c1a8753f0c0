with base_accounts as (

    select * from {{ ref('base_instagram__accounts') }}

),

final as (

    select
        account_id,
        pulled_at,
        username,
        display_name,
        biography,
        follower_count,
        following_count,
        media_count,
        is_verified
    from base_accounts
    where is_staged

)

select * from final
