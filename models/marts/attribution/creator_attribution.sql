with credits as (

    select * from {{ ref('fct_attribution_credits') }}

),

attribution_models as (

    select * from {{ ref('attribution_models') }}

),

marketing_spend as (

    select * from {{ ref('int_marketing_spend_weekly') }}

),

creators as (

    select * from {{ ref('dim_creators') }}

),

creator_tiers as (

    -- a creator with accounts on both platforms is ranked by the bigger account
    select
        creator_username,
        arg_max(tier, tier_rank) as creator_tier,
        max(tier_rank) as creator_tier_rank
    from creators
    group by creator_username

),

credits_by_creator as (

    select
        model,
        creator_username,
        sum(credit) as attributed_conversions,
        sum(attributed_revenue_usd) as attributed_revenue_usd,
        count(distinct conversion_id) as conversions_touched,
        count(distinct touchpoint_id) as touchpoint_count
    from credits
    where creator_username is not null
    group by model, creator_username

),

fees_by_creator as (

    select
        creator_username,
        sum(spend_usd) as contract_fees_usd
    from marketing_spend
    where creator_username is not null
    group by creator_username

),

models as (

    select distinct model
    from credits

),

creator_keys as (

    select creator_username from credits_by_creator
    union
    select creator_username from fees_by_creator

),

model_creators as (

    -- every model x every creator with credit or fees: a paid creator who drove no sale shows
    -- up with zero credit
    select
        models.model,
        creator_keys.creator_username
    from models
    cross join creator_keys

),

final as (

    select
        model_creators.model,
        attribution_models.display_name as model_display_name,
        model_creators.creator_username,
        creator_tiers.creator_tier,
        coalesce(credits_by_creator.attributed_conversions, 0) as attributed_conversions,
        coalesce(credits_by_creator.attributed_revenue_usd, 0) as attributed_revenue_usd,
        coalesce(credits_by_creator.conversions_touched, 0) as conversions_touched,
        coalesce(credits_by_creator.touchpoint_count, 0) as touchpoint_count,
        fees_by_creator.contract_fees_usd,
        coalesce(credits_by_creator.attributed_revenue_usd, 0)
        / nullif(fees_by_creator.contract_fees_usd, 0) as roas,
        fees_by_creator.contract_fees_usd
        / nullif(credits_by_creator.attributed_conversions, 0) as cpa_usd,
        rank() over (
            partition by model_creators.model
            order by coalesce(credits_by_creator.attributed_revenue_usd, 0) desc
        ) as creator_rank
    from model_creators
    inner join attribution_models
        on model_creators.model = attribution_models.model
    left join credits_by_creator
        on
            model_creators.model = credits_by_creator.model
            and model_creators.creator_username = credits_by_creator.creator_username
    left join fees_by_creator
        on model_creators.creator_username = fees_by_creator.creator_username
    left join creator_tiers
        on model_creators.creator_username = creator_tiers.creator_username

)

select * from final
