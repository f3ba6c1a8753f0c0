with purchase_outcomes as (

    select * from {{ ref('fct_purchase_outcomes') }}

),

resale_platforms as (

    select * from {{ ref('resale_platforms') }}

),

product_taxonomy as (

    select * from {{ ref('product_taxonomy') }}

),

-- Lines resold through a matched listing (the only ones with a platform and a price paid).
resold_lines as (

    select
        category,
        resale_platform as platform,
        paid_usd,
        is_resale_sold,
        resale_sold_price_usd,
        value_recovered_usd,
        days_to_sell
    from purchase_outcomes
    where resale_listing_id is not null and category is not null

),

aggregated as (

    select
        category,
        platform,
        count(*) as listing_count,
        count(*) filter (where is_resale_sold) as sold_listing_count,
        sum(paid_usd) filter (where is_resale_sold) as sold_paid_usd,
        sum(resale_sold_price_usd) filter (where is_resale_sold) as sold_price_usd,
        sum(value_recovered_usd) filter (where is_resale_sold) as recovered_net_usd,
        median(days_to_sell) filter (where is_resale_sold) as median_days_to_sell
    from resold_lines
    group by category, platform

),

-- Cells with enough sold listings are ranked within their category by the net recovery rate
-- (what the seller keeps after fees over what they paid), then by speed.
ranked as (

    select
        aggregated.*,
        cast(aggregated.sold_listing_count as double) / aggregated.listing_count as sold_share,
        cast(aggregated.sold_price_usd / nullif(aggregated.sold_paid_usd, 0) as double)
            as recovery_rate,
        cast(aggregated.recovered_net_usd / nullif(aggregated.sold_paid_usd, 0) as double)
            as net_recovery_rate,
        aggregated.sold_listing_count >= {{ var('regret_resale_min_sold_listings') }} as is_ranked
    from aggregated

),

ranks as (

    select
        category,
        platform,
        row_number() over (
            partition by category
            order by net_recovery_rate desc, median_days_to_sell asc, platform asc
        ) as recovery_rank
    from ranked
    where is_ranked

),

final as (

    select
        ranked.category,
        product_taxonomy.category_label,
        ranked.platform,
        resale_platforms.display_name as platform_name,
        ranked.listing_count,
        ranked.sold_listing_count,
        ranked.sold_share,
        cast(ranked.sold_paid_usd as decimal(18, 2)) as sold_paid_usd,
        cast(ranked.sold_price_usd as decimal(18, 2)) as sold_price_usd,
        cast(ranked.recovered_net_usd as decimal(18, 2)) as recovered_net_usd,
        ranked.recovery_rate,
        ranked.net_recovery_rate,
        ranked.median_days_to_sell,
        resale_platforms.seller_fee_rate,
        resale_platforms.payment_fee_rate,
        resale_platforms.fixed_fee_usd,
        ranked.is_ranked,
        ranks.recovery_rank,
        coalesce(ranks.recovery_rank = 1, false) as is_recommended,
        case
            when ranks.recovery_rank = 1
                then
                    'For ' || lower(product_taxonomy.category_label) || ', list on '
                    || resale_platforms.display_name || ': buyers recovered '
                    || cast(round(100 * ranked.net_recovery_rate) as integer)
                    || ' % of the price after fees in a median '
                    || cast(round(ranked.median_days_to_sell) as integer) || ' days ('
                    || ranked.sold_listing_count || ' sales).'
        end as recommendation
    from ranked
    left join ranks
        on ranked.category = ranks.category and ranked.platform = ranks.platform
    left join resale_platforms
        on ranked.platform = resale_platforms.platform
    left join product_taxonomy
        on ranked.category = product_taxonomy.category

)

select * from final
