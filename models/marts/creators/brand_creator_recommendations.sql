with category_fit as (

    select * from {{ ref('int_brand_creator_category_fit') }}

),

brand_countries as (

    select * from {{ ref('int_brand_order_countries') }}

),

fees as (

    select * from {{ ref('int_creator_fees_per_post') }}

),

creators as (

    select * from {{ ref('dim_creators') }}

),

scorecard as (

    select * from {{ ref('creator_scorecard') }}

),

creator_regions as (

    -- both accounts of a creator carry the TikTok region (dim_creators); take it once
    select
        creator_username,
        min(region_code) as region_code
    from creators
    group by creator_username

),

brands_with_orders as (

    select distinct brand_name
    from brand_countries

),

creator_costs as (

    -- cost relative to reach: the median fee of a post per 1,000 followers, ranked among the
    -- creators with a fee on record (cheapest = 100)
    select
        scorecard.creator_username,
        fees.median_fee_per_post_usd,
        1000 * fees.median_fee_per_post_usd / nullif(scorecard.followers_now, 0) as fee_per_1000_followers_usd,
        case
            when fees.median_fee_per_post_usd is not null and scorecard.followers_now > 0
                then 100 * (1 - percent_rank() over (
                    partition by fees.median_fee_per_post_usd is null or coalesce(scorecard.followers_now, 0) = 0
                    order by fees.median_fee_per_post_usd / scorecard.followers_now
                ))
        end as cost_efficiency_0_100
    from scorecard
    left join fees
        on scorecard.creator_username = fees.creator_username

),

candidates as (

    select
        category_fit.brand_name,
        category_fit.creator_username,
        category_fit.brand_categories,
        category_fit.product_post_count,
        category_fit.category_fit_rate,
        creator_regions.region_code,
        -- no orders for the brand, or no creator region: unknown (its weight goes to the others)
        case
            when brands_with_orders.brand_name is not null and creator_regions.region_code is not null
                then coalesce(brand_countries.unit_share_rate, 0)
        end as region_fit_rate,
        scorecard.tier,
        scorecard.followers_now,
        scorecard.audience_authenticity_0_100,
        scorecard.buying_intent_0_100,
        creator_costs.median_fee_per_post_usd,
        creator_costs.fee_per_1000_followers_usd,
        creator_costs.cost_efficiency_0_100
    from category_fit
    inner join scorecard
        on category_fit.creator_username = scorecard.creator_username
    left join creator_regions
        on category_fit.creator_username = creator_regions.creator_username
    left join brands_with_orders
        on category_fit.brand_name = brands_with_orders.brand_name
    left join brand_countries
        on
            category_fit.brand_name = brand_countries.brand_name
            and creator_regions.region_code = brand_countries.country_code
    left join creator_costs
        on category_fit.creator_username = creator_costs.creator_username
    -- a creator who never posts in the brand's categories is no candidate, however cheap
    where category_fit.category_fit_rate > 0

),

scored as (

    -- weighted mean of the known components on 0..100; a null component's weight is spread
    -- over the others (as in creator_scorecard)
    select
        *,
        (
            {{ var('creators_recommendations_weight_category_fit') }} * 100 * category_fit_rate
            + coalesce({{ var('creators_recommendations_weight_region_fit') }} * 100 * region_fit_rate, 0)
            + coalesce({{ var('creators_recommendations_weight_authenticity') }} * audience_authenticity_0_100, 0)
            + coalesce({{ var('creators_recommendations_weight_buying_intent') }} * buying_intent_0_100, 0)
            + coalesce({{ var('creators_recommendations_weight_cost') }} * cost_efficiency_0_100, 0)
        ) / (
            {{ var('creators_recommendations_weight_category_fit') }}
            + case when region_fit_rate is null then 0 else {{ var('creators_recommendations_weight_region_fit') }} end
            + case
                when audience_authenticity_0_100 is null then 0
                else {{ var('creators_recommendations_weight_authenticity') }}
            end
            + case
                when buying_intent_0_100 is null then 0
                else {{ var('creators_recommendations_weight_buying_intent') }}
            end
            + case when cost_efficiency_0_100 is null then 0 else {{ var('creators_recommendations_weight_cost') }} end
        ) as expected_return_score_0_100
    from candidates

),

ranked as (

    select
        *,
        row_number() over (
            partition by brand_name order by expected_return_score_0_100 desc, creator_username asc
        ) as recommendation_rank
    from scored

),

final as (

    select
        *,
        concat_ws(
            '; ',
            printf('%.0f%% of product posts in %s', 100 * category_fit_rate, brand_categories),
            case
                when region_fit_rate is not null
                    then printf('%.0f%% of the brand''s units ship to %s', 100 * region_fit_rate, region_code)
            end,
            printf('%.0f/100 authentic', audience_authenticity_0_100),
            case
                when buying_intent_0_100 is not null
                    then printf('%.0f/100 buying intent in comments', buying_intent_0_100)
            end,
            case
                when median_fee_per_post_usd is not null
                    then printf(
                        '$%.0f per post ($%.2f per 1,000 followers)',
                        median_fee_per_post_usd, fee_per_1000_followers_usd
                    )
                else 'no fee on record'
            end
        ) as reasons
    from ranked
    where recommendation_rank <= {{ var('creators_recommendations_top_n') }}

)

select
    brand_name,
    creator_username,
    recommendation_rank,
    expected_return_score_0_100,
    brand_categories,
    product_post_count,
    category_fit_rate,
    region_code,
    region_fit_rate,
    audience_authenticity_0_100,
    buying_intent_0_100,
    tier,
    followers_now,
    median_fee_per_post_usd,
    fee_per_1000_followers_usd,
    cost_efficiency_0_100,
    reasons
from final
