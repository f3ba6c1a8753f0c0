with accounts as (

    select * from {{ ref('int_creator_accounts_tiered') }}

),

ga4_events as (

    select * from {{ ref('stg_ga4__events') }}

),

orders as (

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

creators as (

    select distinct creator_username
    from accounts

),

creator_sessions as (

    -- a creator-driven session: its session_start carries a creator medium and the handle
    -- as utm content
    select
        lower(coalesce(content, manual_content, page_utm_content)) as creator_username,
        count(distinct user_pseudo_id || ':' || cast(ga_session_id as varchar)) as session_count
    from ga4_events
    where
        event_name = 'session_start'
        and lower(coalesce(medium, manual_medium, page_utm_medium)) in ('creator', 'influencer')
    group by lower(coalesce(content, manual_content, page_utm_content))

),

orders_by_link as (

    select
        lower(utm_content) as creator_username,
        order_id
    from orders
    where
        lower(utm_medium) in ('creator', 'influencer')
        and utm_content is not null

),

orders_by_promo_code as (

    select
        contracts.creator_username,
        order_discount_codes.order_id
    from order_discount_codes
    inner join contracts
        on order_discount_codes.discount_code = upper(contracts.promo_code)

),

attributed_orders as (

    -- an order counts once per creator, whether it came through the link, the code or both
    select distinct
        attributed.creator_username,
        attributed.order_id,
        orders.total_price * currency_rates.usd_per_unit as revenue_usd
    from (
        select
            creator_username,
            order_id
        from orders_by_link
        union
        select
            creator_username,
            order_id
        from orders_by_promo_code
    ) as attributed
    inner join orders
        on attributed.order_id = orders.order_id
    inner join currency_rates
        on orders.currency = currency_rates.currency_code
    where not orders.is_cancelled

),

order_totals as (

    select
        creator_username,
        count(*) as order_count,
        sum(revenue_usd) as revenue_usd
    from attributed_orders
    group by creator_username

),

contract_fees as (

    select
        contracts.creator_username,
        count(*) as contract_count,
        sum(contracts.fee_amount * currency_rates.usd_per_unit) as contract_fees_usd
    from contracts
    inner join currency_rates
        on contracts.currency = currency_rates.currency_code
    group by contracts.creator_username

),

final as (

    select
        creators.creator_username,
        coalesce(creator_sessions.session_count, 0) as creator_session_count,
        coalesce(order_totals.order_count, 0) as attributed_order_count,
        coalesce(order_totals.revenue_usd, 0) as attributed_revenue_usd,
        coalesce(contract_fees.contract_count, 0) as contract_count,
        contract_fees.contract_fees_usd
    from creators
    left join creator_sessions
        on creators.creator_username = creator_sessions.creator_username
    left join order_totals
        on creators.creator_username = order_totals.creator_username
    left join contract_fees
        on creators.creator_username = contract_fees.creator_username

)

select * from final
