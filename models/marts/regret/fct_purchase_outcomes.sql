{%- set window_days = var('regret_behavioural_window_days') -%}

with priced_lines as (

    select * from {{ ref('int_order_lines_priced') }}

),

listings as (

    select * from {{ ref('stg_resale__listings') }}

),

survey_responses as (

    select * from {{ ref('int_survey_responses_matched_to_lines') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

resale_platforms as (

    select * from {{ ref('resale_platforms') }}

),

trend_order_lines as (

    select * from {{ ref('int_trend_order_lines') }}

),

trend_lifecycle as (

    select * from {{ ref('trend_lifecycle') }}

),

conversion_paths as (

    select * from {{ ref('fct_conversion_paths') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

-- Order lines of orders that were not cancelled, priced in USD, with their refunds.
lines_priced as (

    select
        order_line_id,
        order_id,
        line_position,
        product_id,
        sku,
        quantity,
        ordered_at,
        currency,
        shipping_country_code,
        category,
        department,
        line_revenue_usd as paid_usd,
        first_refunded_at as refunded_at,
        refund_amount_usd
    from priced_lines

),

-- A survey is about the order's most valuable line (int_survey_responses_matched_to_lines): the
-- order's latest response gives that line its answers, and the order its demographics.
survey_per_line as (

    select
        order_id,
        order_line_id,
        kept_status,
        regret_score_1_5,
        age_band,
        gender
    from survey_responses
    where response_recency_rank = 1

),

survey_kept_status as (

    select
        order_line_id,
        kept_status
    from survey_per_line
    where kept_status is not null

),

-- Resale listings carry a SKU and a currency but no order line (the seller handle is hashed):
-- a listing is matched to the order line of its SKU and currency, ordered before the listing
-- (within a var's days), not refunded and not surveyed as kept otherwise, whose order-to-listing
-- gap is closest (log scale) to the typical gap (a var); a line keeps its earliest listing.
-- Listings of non-customers may match a line wrongly.
listing_candidates as (

    select
        listings.listing_id,
        listings.platform,
        listings.listed_at,
        listings.sold_at,
        listings.sold_price,
        listings.is_sold,
        listings.currency,
        lines_priced.order_line_id,
        row_number() over (
            partition by listings.listing_id
            order by
                abs(ln(
                    greatest({{ dbt.datediff('lines_priced.ordered_at', 'listings.listed_at', 'second') }}, 1)
                    / (86400.0 * {{ var('regret_resale_typical_days_to_list') }})
                )),
                lines_priced.order_line_id
        ) as line_rank
    from listings
    inner join lines_priced
        on
            listings.sku = lines_priced.sku
            and listings.currency = lines_priced.currency
            and listings.listed_at > lines_priced.ordered_at
            and listings.listed_at
            <= lines_priced.ordered_at + to_days({{ var('regret_resale_match_max_days') }})
    left join survey_kept_status
        on lines_priced.order_line_id = survey_kept_status.order_line_id
    where
        lines_priced.refunded_at is null
        and coalesce(survey_kept_status.kept_status, 'resold') = 'resold'

),

listings_matched as (

    select
        listing_candidates.*,
        row_number() over (
            partition by listing_candidates.order_line_id
            order by listing_candidates.listed_at, listing_candidates.listing_id
        ) as listing_rank
    from listing_candidates
    where listing_candidates.line_rank = 1

),

resale_per_line as (

    select
        listings_matched.order_line_id,
        listings_matched.listing_id as resale_listing_id,
        listings_matched.platform as resale_platform,
        listings_matched.listed_at as resale_listed_at,
        listings_matched.sold_at as resale_sold_at,
        listings_matched.is_sold as is_resale_sold,
        listings_matched.sold_price * currency_rates.usd_per_unit as resale_sold_price_usd,
        case
            when listings_matched.is_sold
                then greatest(
                    listings_matched.sold_price * currency_rates.usd_per_unit
                    * (1 - resale_platforms.seller_fee_rate - resale_platforms.payment_fee_rate)
                    - resale_platforms.fixed_fee_usd,
                    0
                )
        end as resale_net_usd
    from listings_matched
    inner join currency_rates
        on listings_matched.currency = currency_rates.currency_code
    left join resale_platforms
        on listings_matched.platform = resale_platforms.platform
    where listings_matched.listing_rank = 1

),

-- Trend stage of the product's hashtag on the order day (the stage rules of trend_stage_impact).
-- A product riding several hashtags takes the non-evergreen one first, then by name.
trend_stages as (

    select
        trend_order_lines.order_line_id,
        trend_order_lines.hashtag,
        case
            when trend_lifecycle.is_evergreen then 'evergreen'
            when trend_order_lines.ordered_date < trend_lifecycle.emergence_date then 'pre_trend'
            when trend_order_lines.ordered_date < trend_lifecycle.peak_date then 'emerging'
            when
                trend_lifecycle.decline_date is null
                or trend_order_lines.ordered_date < trend_lifecycle.decline_date
                then 'peaking'
            when
                trend_lifecycle.fade_date is null
                or trend_order_lines.ordered_date < trend_lifecycle.fade_date
                then 'declining'
            else 'faded'
        end as trend_stage_at_purchase
    from trend_order_lines
    inner join trend_lifecycle
        on trend_order_lines.hashtag = trend_lifecycle.hashtag
    qualify row_number() over (
        partition by trend_order_lines.order_line_id
        order by trend_lifecycle.is_evergreen, trend_order_lines.hashtag
    ) = 1

),

creator_paths as (

    select
        conversion_id,
        true as has_creator_touchpoint
    from touchpoints
    where conversion_id is not null and creator_username is not null
    group by conversion_id

),

-- Channel and impulse of the order: a creator touchpoint on the path or a creator promo code
-- makes it creator-driven; impulse is the time from the path's first touch to the purchase.
order_journeys as (

    select
        conversion_paths.conversion_id as order_id,
        coalesce(creator_paths.has_creator_touchpoint, false) as has_creator_touchpoint,
        conversion_paths.promo_code_creator_username is not null as has_creator_promo_code,
        {{ dbt.datediff('conversion_paths.path_started_at', 'conversion_paths.converted_at', 'second') }}
        / 3600.0 as impulse_hours
    from conversion_paths
    left join creator_paths
        on conversion_paths.conversion_id = creator_paths.conversion_id
    where conversion_paths.conversion_id is not null
    qualify row_number() over (
        partition by conversion_paths.conversion_id order by conversion_paths.converted_at
    ) = 1

),

joined as (

    select
        lines_priced.*,
        resale_per_line.resale_listing_id,
        resale_per_line.resale_platform,
        resale_per_line.resale_listed_at,
        resale_per_line.resale_sold_at,
        resale_per_line.is_resale_sold,
        resale_per_line.resale_sold_price_usd,
        resale_per_line.resale_net_usd,
        survey_per_line.kept_status,
        survey_per_line.regret_score_1_5,
        survey_per_order.age_band,
        survey_per_order.gender,
        trend_stages.hashtag as trend_hashtag,
        coalesce(trend_stages.trend_stage_at_purchase, 'none') as trend_stage_at_purchase,
        order_journeys.order_id is not null as is_tracked_journey,
        coalesce(
            order_journeys.has_creator_touchpoint or order_journeys.has_creator_promo_code, false
        ) as is_creator_driven,
        order_journeys.impulse_hours
    from lines_priced
    left join resale_per_line
        on lines_priced.order_line_id = resale_per_line.order_line_id
    left join survey_per_line
        on lines_priced.order_line_id = survey_per_line.order_line_id
    -- demographics are the respondent's answers for the whole order
    left join survey_per_line as survey_per_order
        on lines_priced.order_id = survey_per_order.order_id
    left join trend_stages
        on lines_priced.order_line_id = trend_stages.order_line_id
    left join order_journeys
        on lines_priced.order_id = order_journeys.order_id

),

-- Outcome precedence: a refund (returned) beats a matched resale listing (resold), which beats
-- the survey's answer (kept, gave_away -> gifted, discarded, or a stated return or resale no
-- system recorded); a line with none of them is kept.
outcomes as (

    select
        *,
        case
            when refunded_at is not null then 'returned'
            when resale_listing_id is not null then 'resold'
            when kept_status = 'gave_away' then 'gifted'
            when kept_status in ('kept', 'returned', 'resold', 'discarded') then kept_status
            else 'kept'
        end as outcome,
        case
            when refunded_at is not null then 'refund'
            when resale_listing_id is not null then 'resale_listing'
            when kept_status is not null then 'survey'
            else 'default'
        end as outcome_source,
        {{ dbt.datediff('ordered_at', 'refunded_at', 'second') }} / 86400.0 as days_to_return,  -- noqa: LT05
        {{ dbt.datediff('ordered_at', 'resale_listed_at', 'second') }} / 86400.0 as days_to_resale,  -- noqa: LT05
        {{ dbt.datediff('resale_listed_at', 'resale_sold_at', 'second') }} / 86400.0 as days_to_sell  -- noqa: LT05
    from joined

),

final as (

    select
        order_line_id,
        order_id,
        product_id,
        category,
        department,
        ordered_at,
        quantity,
        cast(paid_usd as decimal(18, 2)) as paid_usd,
        {{ regret_band_label('paid_usd', var('regret_price_band_bounds_usd')) }} as price_band,
        trend_hashtag,
        trend_stage_at_purchase,
        is_tracked_journey,
        is_creator_driven,
        impulse_hours,
        {{ regret_band_label('impulse_hours', var('regret_impulse_band_bounds_hours'), 'h') }} as impulse_band,
        age_band,
        gender,
        shipping_country_code,
        outcome,
        outcome_source,
        refunded_at,
        resale_listing_id,
        resale_platform,
        resale_listed_at,
        resale_sold_at,
        coalesce(is_resale_sold, false) as is_resale_sold,
        cast(resale_sold_price_usd as decimal(18, 2)) as resale_sold_price_usd,
        days_to_return,
        days_to_resale,
        days_to_sell,
        cast(
            case
                when outcome = 'returned' then refund_amount_usd
                when outcome = 'resold' then resale_net_usd
            end as decimal(18, 2)
        ) as value_recovered_usd,
        regret_score_1_5,
        kept_status is not null or regret_score_1_5 is not null as is_surveyed,
        coalesce(days_to_return <= {{ window_days }}, false)
        or coalesce(days_to_resale <= {{ window_days }}, false) as is_regret_behavioural,
        case
            when regret_score_1_5 is not null
                then regret_score_1_5 >= {{ var('regret_stated_min_score') }}
        end as is_regret_stated,
        coalesce(days_to_return <= {{ window_days }}, false)
        or coalesce(days_to_resale <= {{ window_days }}, false)
        or coalesce(regret_score_1_5 >= {{ var('regret_stated_min_score') }}, false) as is_regret_combined
    from outcomes

)

select * from final
