with accounts as (

    select * from {{ ref('int_creator_accounts_tiered') }}

),

posts as (

    select * from {{ ref('int_social_posts_unified') }}

),

post_products as (

    select * from {{ ref('int_creator_post_products') }}

),

authenticity as (

    select * from {{ ref('int_creator_audience_authenticity') }}

),

conversions as (

    select * from {{ ref('int_creator_conversions_attributed') }}

),

buying_intent as (

    select * from {{ ref('creator_buying_intent') }}

),

scorecard_weights as (

    select * from {{ ref('scorecard_weights') }}

),

primary_accounts as (

    -- the creator's tier is that of their largest account
    select
        creator_username,
        platform as primary_platform,
        tier,
        tier_rank,
        row_number() over (
            partition by creator_username order by followers_now desc, platform asc
        ) as account_rank
    from accounts

),

creator_accounts as (

    select
        creator_username,
        count(*) as platform_count,
        cast(sum(followers_now) as bigint) as followers_now
    from accounts
    group by creator_username

),

creator_engagement as (

    select
        creator_username,
        sum(engagement_count) / nullif(sum(view_count), 0) as engagement_rate_by_views
    from posts
    where view_count is not null
    group by creator_username

),

creator_base as (

    select
        creator_accounts.creator_username,
        creator_accounts.platform_count,
        creator_accounts.followers_now,
        primary_accounts.primary_platform,
        primary_accounts.tier,
        primary_accounts.tier_rank,
        creator_engagement.engagement_rate_by_views
    from creator_accounts
    inner join primary_accounts
        on
            creator_accounts.creator_username = primary_accounts.creator_username
            and primary_accounts.account_rank = 1
    left join creator_engagement
        on creator_accounts.creator_username = creator_engagement.creator_username

),

tier_benchmarks as (

    select
        tier,
        median(engagement_rate_by_views) as tier_median_engagement_rate
    from creator_base
    where tier is not null
    group by tier

),

creator_authenticity as (

    -- follower-weighted over the creator's accounts: unexplained gain over all followers
    select
        creator_username,
        least(1.0, sum(unexplained_follower_gain) / nullif(sum(followers_now), 0)) as estimated_fake_follower_share
    from authenticity
    group by creator_username

),

category_posts as (

    select
        creator_username,
        category,
        count(distinct post_id) as post_count
    from post_products
    where category is not null
    group by creator_username, category

),

ranked_categories as (

    -- the main category: most posts, ties to the first category alphabetically (as in dim_creators)
    select
        creator_username,
        category,
        post_count,
        row_number() over (
            partition by creator_username order by post_count desc, category asc
        ) as category_rank
    from category_posts

),

creator_categories as (

    select
        creator_username,
        category as main_category,
        post_count as main_category_post_count
    from ranked_categories
    where category_rank = 1

),

creator_product_posts as (

    select
        creator_username,
        count(distinct post_id) as product_post_count
    from post_products
    where category is not null
    group by creator_username

),

raw_metrics as (

    select
        creator_base.*,
        tier_benchmarks.tier_median_engagement_rate,
        coalesce(creator_authenticity.estimated_fake_follower_share, 0) as estimated_fake_follower_share,
        conversions.creator_session_count,
        conversions.attributed_order_count,
        conversions.attributed_revenue_usd,
        conversions.contract_fees_usd,
        1000.0 * conversions.attributed_order_count
        / nullif(conversions.creator_session_count, 0) as orders_per_1000_sessions,
        conversions.attributed_revenue_usd / nullif(conversions.contract_fees_usd, 0) as revenue_per_fee_usd,
        creator_categories.main_category,
        creator_categories.main_category_post_count
        / nullif(creator_product_posts.product_post_count, 0) as main_category_post_rate,
        buying_intent.comments_scored,
        buying_intent.high_intent_comment_share,
        buying_intent.intent_percentile_0_100
    from creator_base
    left join tier_benchmarks
        on creator_base.tier = tier_benchmarks.tier
    left join creator_authenticity
        on creator_base.creator_username = creator_authenticity.creator_username
    left join conversions
        on creator_base.creator_username = conversions.creator_username
    left join creator_categories
        on creator_base.creator_username = creator_categories.creator_username
    left join creator_product_posts
        on creator_base.creator_username = creator_product_posts.creator_username
    left join buying_intent
        on creator_base.creator_username = buying_intent.creator_username

),

components as (

    -- every component on 0..100; null when the creator has no data for it
    select
        *,
        100 * least(
            1.0,
            engagement_rate_by_views / nullif(tier_median_engagement_rate, 0)
            / {{ var('creators_engagement_ratio_for_full_score') }}
        ) as engagement_quality_0_100,
        100 * (1 - estimated_fake_follower_share) as audience_authenticity_0_100,
        case
            when orders_per_1000_sessions is not null
                then 100 * percent_rank() over (
                    partition by orders_per_1000_sessions is null order by orders_per_1000_sessions
                )
        end as conversion_rate_0_100,
        case
            when revenue_per_fee_usd is not null
                then 100 * percent_rank() over (
                    partition by revenue_per_fee_usd is null order by revenue_per_fee_usd
                )
        end as cost_efficiency_0_100,
        100 * main_category_post_rate as brand_alignment_0_100,
        -- percentile of the share of high-intent comments among the creators with enough scored
        -- comments (creator_buying_intent); null below that, and its weight goes to the others
        intent_percentile_0_100 as buying_intent_0_100
    from raw_metrics

),

weights as (

    select
        max(case when component = 'engagement_quality' then weight end) as engagement_quality_weight,
        max(case when component = 'audience_authenticity' then weight end) as audience_authenticity_weight,
        max(case when component = 'conversion_rate' then weight end) as conversion_rate_weight,
        max(case when component = 'cost_efficiency' then weight end) as cost_efficiency_weight,
        max(case when component = 'brand_alignment' then weight end) as brand_alignment_weight,
        max(case when component = 'buying_intent' then weight end) as buying_intent_weight
    from scorecard_weights

),

scored as (

    -- weighted mean over the components that are not null: a missing component's weight is
    -- spread over the others in proportion to their weights
    select
        components.*,
        (
            coalesce(weights.engagement_quality_weight * components.engagement_quality_0_100, 0)
            + coalesce(weights.audience_authenticity_weight * components.audience_authenticity_0_100, 0)
            + coalesce(weights.conversion_rate_weight * components.conversion_rate_0_100, 0)
            + coalesce(weights.cost_efficiency_weight * components.cost_efficiency_0_100, 0)
            + coalesce(weights.brand_alignment_weight * components.brand_alignment_0_100, 0)
            + coalesce(weights.buying_intent_weight * components.buying_intent_0_100, 0)
        ) / nullif(
            case when components.engagement_quality_0_100 is null then 0 else weights.engagement_quality_weight end
            + case
                when components.audience_authenticity_0_100 is null then 0
                else weights.audience_authenticity_weight
            end
            + case when components.conversion_rate_0_100 is null then 0 else weights.conversion_rate_weight end
            + case when components.cost_efficiency_0_100 is null then 0 else weights.cost_efficiency_weight end
            + case when components.brand_alignment_0_100 is null then 0 else weights.brand_alignment_weight end
            + case when components.buying_intent_0_100 is null then 0 else weights.buying_intent_weight end,
            0
        ) as score_0_100
    from components
    cross join weights

),

final as (

    select
        *,
        case
            when score_0_100 >= {{ var('creators_segment_high_min_score') }} then 'High'
            when score_0_100 >= {{ var('creators_segment_medium_min_score') }} then 'Medium'
            else 'Low'
        end as segment,
        -- 1 = best score; ties go to the username in alphabetical order, so every rank is unique
        row_number() over (order by score_0_100 desc, creator_username asc) as score_rank
    from scored

)

select
    creator_username,
    primary_platform,
    platform_count,
    tier,
    tier_rank,
    followers_now,
    engagement_rate_by_views,
    tier_median_engagement_rate,
    estimated_fake_follower_share,
    creator_session_count,
    attributed_order_count,
    orders_per_1000_sessions,
    attributed_revenue_usd,
    contract_fees_usd,
    revenue_per_fee_usd,
    main_category,
    main_category_post_rate,
    comments_scored,
    high_intent_comment_share,
    engagement_quality_0_100,
    audience_authenticity_0_100,
    conversion_rate_0_100,
    cost_efficiency_0_100,
    brand_alignment_0_100,
    buying_intent_0_100,
    score_0_100,
    score_rank,
    segment
from final
