with orders as (

    select * from {{ ref('stg_shopify__orders') }}

),

order_discount_codes as (

    select * from {{ ref('stg_shopify__order_discount_codes') }}

),

contracts as (

    select * from {{ ref('stg_creator_contracts__contracts') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

sessions as (

    select * from {{ ref('int_ga4_events_sessionized') }}

),

purchase_sessions as (

    -- the session of an order's GA4 purchase (the first, should GA4 have logged it twice)
    select
        transaction_id as order_id,
        touchpoint_id,
        user_pseudo_id,
        ga_session_id,
        purchased_at,
        row_number() over (partition by transaction_id order by purchased_at asc, touchpoint_id asc) as purchase_rank
    from sessions
    where has_purchase

),

promo_code_creators as (

    -- the creator whose promo code the order used (the first code that is a creator's)
    select
        order_discount_codes.order_id,
        contracts.creator_username,
        row_number() over (
            partition by order_discount_codes.order_id
            order by order_discount_codes.code_position asc, contracts.creator_username asc
        ) as creator_rank
    from order_discount_codes
    inner join contracts
        on order_discount_codes.discount_code = upper(contracts.promo_code)

),

final as (

    select
        orders.order_id,
        cast(orders.order_id as bigint) as conversion_id,
        orders.ordered_at,
        purchase_sessions.touchpoint_id is not null as is_tracked,
        purchase_sessions.touchpoint_id,
        purchase_sessions.user_pseudo_id,
        purchase_sessions.ga_session_id,
        purchase_sessions.purchased_at as converted_at,
        orders.currency,
        orders.total_price,
        orders.total_price * currency_rates.usd_per_unit as conversion_value_usd,
        promo_code_creators.creator_username as promo_code_creator_username
    from orders
    left join purchase_sessions
        on
            orders.order_id = purchase_sessions.order_id
            and purchase_sessions.purchase_rank = 1
    left join currency_rates
        on orders.currency = currency_rates.currency_code
    left join promo_code_creators
        on
            orders.order_id = promo_code_creators.order_id
            and promo_code_creators.creator_rank = 1
    where not orders.is_cancelled

)

select * from final
