-- Every tier of the creator_tiers seed has at least one creator account in dim_creators
-- (the generator reproduces the benchmark tier mix; a missing tier means the tier join broke).
with creator_tiers as (

    select * from {{ ref('creator_tiers') }}

),

dim_creators as (

    select * from {{ ref('dim_creators') }}

),

final as (

    select creator_tiers.tier
    from creator_tiers
    left join dim_creators
        on creator_tiers.tier = dim_creators.tier
    group by creator_tiers.tier
    having count(dim_creators.creator_platform_id) = 0

)

select * from final
