-- Tracked conversions (converting paths) plus untracked conversions are exactly the
-- non-cancelled Shopify orders: no order is counted twice or lost.
with orders as (

    select cast(order_id as bigint) as conversion_id
    from {{ ref('stg_shopify__orders') }}
    where not is_cancelled

),

conversions as (

    select conversion_id from {{ ref('fct_conversion_paths') }}
    where is_converting
    union all
    select conversion_id from {{ ref('untracked_conversions') }}

),

counted as (

    select
        coalesce(orders.conversion_id, conversions.conversion_id) as conversion_id,
        count(orders.conversion_id) as order_rows,
        count(conversions.conversion_id) as conversion_rows
    from orders
    full outer join conversions
        on orders.conversion_id = conversions.conversion_id
    group by coalesce(orders.conversion_id, conversions.conversion_id)

)

select * from counted
where order_rows != 1 or conversion_rows != 1
