with priced_lines as (

    select * from {{ ref('int_order_lines_priced') }}

),

orders as (

    select * from {{ ref('stg_shopify__orders') }}

),

resale_listings as (

    select * from {{ ref('stg_resale__listings') }}

),

discount_codes as (

    select * from {{ ref('stg_shopify__order_discount_codes') }}

),

experiment_assignments as (

    select * from {{ ref('stg_experiments__assignments') }}

),

conversion_paths as (

    select * from {{ ref('fct_conversion_paths') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

trend_order_lines as (

    select * from {{ ref('int_trend_order_lines') }}

),

trend_lifecycle as (

    select * from {{ ref('trend_lifecycle') }}

),

-- The label window must have closed inside the data: the extract ends with its last order.
data_end as (

    select max(ordered_at) as data_end_at
    from orders

),

-- A customer's first order is "new"; later ones are "returning" (known at checkout).
orders_ranked as (

    select
        orders.*,
        row_number() over (
            partition by orders.customer_id
            order by orders.ordered_at, orders.order_id
        ) as customer_order_number
    from orders
    where not orders.is_cancelled

),

converting_paths as (

    select
        conversion_id,
        path_id,
        path_started_at,
        last_touch_channel,
        promo_code_creator_username
    from conversion_paths
    where is_converting

),

path_touch_summary as (

    select
        path_id,
        bool_or(channel in ('creator_tiktok', 'creator_instagram')) as has_creator_touch,
        arg_max(device_category, touched_at) as last_device_category,
        arg_max(user_pseudo_id, touched_at) as user_pseudo_id
    from touchpoints
    group by path_id

),

-- The regret badge experiment arm shown before the purchase (the shop knows it at checkout).
badge_assignments as (

    select
        user_pseudo_id,
        assigned_at,
        variant = 'treatment' as is_treated
    from experiment_assignments
    where experiment_id = '{{ var("regret_badge_experiment_id") }}'

),

order_journeys as (

    select
        orders_ranked.order_id,
        converting_paths.path_started_at,
        converting_paths.last_touch_channel,
        path_touch_summary.last_device_category,
        coalesce(path_touch_summary.has_creator_touch, false)
        or converting_paths.promo_code_creator_username is not null as is_creator_driven,
        coalesce(bool_or(badge_assignments.is_treated), false) as is_regret_badge_treated
    from orders_ranked
    left join converting_paths
        on orders_ranked.order_id = cast(converting_paths.conversion_id as varchar)
    left join path_touch_summary
        on converting_paths.path_id = path_touch_summary.path_id
    left join badge_assignments
        on
            path_touch_summary.user_pseudo_id = badge_assignments.user_pseudo_id
            and orders_ranked.ordered_at >= badge_assignments.assigned_at
    group by all

),

order_discounts as (

    select
        order_id,
        count(*) > 0 as has_discount_code
    from discount_codes
    group by order_id

),

-- The fad hashtag a product rides (evergreen hashtags have no lifecycle stage).
line_fad_hashtags as (

    select
        trend_order_lines.order_line_id,
        min(trend_order_lines.hashtag) as hashtag
    from trend_order_lines
    inner join trend_lifecycle
        on trend_order_lines.hashtag = trend_lifecycle.hashtag
    where not trend_lifecycle.is_evergreen
    group by trend_order_lines.order_line_id

),

-- Resale sellers cannot be matched to customers (public handles), so a listing is credited to
-- one earlier non-cancelled order line of the same SKU and currency, listed within the window
-- and at least the minimum days after the order, whose order is closest (in log days) to the
-- typical purchase-to-listing delay. A proxy: popular SKUs make some credits wrong.
resale_candidates as (

    select
        resale_listings.listing_id,
        resale_listings.listed_at,
        priced_lines.order_line_id,
        row_number() over (
            partition by resale_listings.listing_id
            order by
                abs(ln(
                    {{ dbt.datediff('priced_lines.ordered_at', 'resale_listings.listed_at', 'second') }}
                    / (86400.0 * {{ var('regret_resale_typical_days_to_list') }})
                )),
                priced_lines.order_line_id
        ) as candidate_rank
    from resale_listings
    inner join priced_lines
        on
            resale_listings.sku = priced_lines.sku
            and resale_listings.currency = priced_lines.currency
    where
        resale_listings.listed_at >= priced_lines.ordered_at + to_days({{ var('regret_resale_min_days') }})
        and resale_listings.listed_at
        < priced_lines.ordered_at + to_days({{ var('regret_behavioural_window_days') }})

),

resold_lines as (

    select
        order_line_id,
        min(listed_at) as first_listed_at
    from resale_candidates
    where candidate_rank = 1
    group by order_line_id

),

final as (

    select
        priced_lines.order_line_id,
        priced_lines.order_id,
        priced_lines.product_id,
        orders_ranked.ordered_at,
        -- features known at purchase time
        priced_lines.unit_price_usd,
        ln(greatest(priced_lines.unit_price_usd, 0.5)) as log_unit_price_usd,
        lower(coalesce(priced_lines.product_type, 'unknown')) as product_category,
        greatest(
            {{ dbt.datediff('order_journeys.path_started_at', 'orders_ranked.ordered_at', 'second') }},
            0
        ) / 3600.0 as impulse_hours,
        order_journeys.path_started_at is null as is_impulse_missing,
        case
            when line_fad_hashtags.hashtag is null then 'none'
            when cast(orders_ranked.ordered_at as date) >= trend_lifecycle.fade_date then 'faded'
            when cast(orders_ranked.ordered_at as date) >= trend_lifecycle.decline_date then 'declining'
            when cast(orders_ranked.ordered_at as date) >= trend_lifecycle.peak_date then 'peak'
            when cast(orders_ranked.ordered_at as date) >= trend_lifecycle.emergence_date then 'rising'
            else 'pre_trend'
        end as trend_stage_at_purchase,
        coalesce(
            order_journeys.is_creator_driven
            or orders_ranked.utm_medium in ('creator', 'influencer'),
            false
        ) as is_creator_driven,
        coalesce(order_journeys.last_touch_channel, 'untracked') as converting_channel,
        coalesce(order_journeys.last_device_category, 'untracked') as device_category,
        coalesce(order_discounts.has_discount_code, false) as has_discount_code,
        orders_ranked.customer_order_number > 1 as is_returning_customer,
        extract(month from orders_ranked.ordered_at) as order_month,
        extract(month from orders_ranked.ordered_at) in (11, 12) as is_holiday_season,
        coalesce(order_journeys.is_regret_badge_treated, false) as is_regret_badge_treated,
        -- behavioural label (outcomes after the purchase: never features)
        priced_lines.first_refunded_at is not null
        and priced_lines.first_refunded_at
        < orders_ranked.ordered_at + to_days({{ var('regret_behavioural_window_days') }}) as is_returned,
        resold_lines.first_listed_at is not null as is_resold,
        orders_ranked.ordered_at + to_days({{ var('regret_behavioural_window_days') }}) as label_window_closes_at,
        orders_ranked.ordered_at + to_days({{ var('regret_behavioural_window_days') }})
        <= data_end.data_end_at as is_label_window_complete
    from priced_lines
    inner join orders_ranked
        on priced_lines.order_id = orders_ranked.order_id
    cross join data_end
    left join order_journeys
        on orders_ranked.order_id = order_journeys.order_id
    left join order_discounts
        on orders_ranked.order_id = order_discounts.order_id
    left join line_fad_hashtags
        on priced_lines.order_line_id = line_fad_hashtags.order_line_id
    left join trend_lifecycle
        on line_fad_hashtags.hashtag = trend_lifecycle.hashtag
    left join resold_lines
        on priced_lines.order_line_id = resold_lines.order_line_id

)

select
    *,
    is_returned or is_resold as is_regret_observed
from final
