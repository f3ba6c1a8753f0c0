with order_lines as (

    select * from {{ ref('stg_shopify__order_lines') }}

),

orders as (

    select * from {{ ref('stg_shopify__orders') }}

),

products as (

    select * from {{ ref('stg_shopify__products') }}

),

refund_lines as (

    select * from {{ ref('stg_shopify__refund_lines') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

followed_hashtags as (

    select distinct hashtag from {{ ref('int_hashtag_daily') }}

),

product_tags as (

    select
        product_id,
        lower(trim(unnest(tags))) as tag
    from products

),

-- A product rides a trend when one of its Shopify tags is a followed hashtag.
linked_products as (

    select distinct
        product_tags.product_id,
        product_tags.tag as hashtag
    from product_tags
    inner join followed_hashtags
        on product_tags.tag = followed_hashtags.hashtag

),

refunded_lines as (

    select distinct order_line_id
    from refund_lines

),

final as (

    select
        linked_products.hashtag,
        order_lines.order_line_id,
        order_lines.order_id,
        order_lines.product_id,
        cast(orders.ordered_at as date) as ordered_date,
        order_lines.quantity,
        order_lines.quantity * order_lines.unit_price * currency_rates.usd_per_unit as line_revenue_usd,
        refunded_lines.order_line_id is not null as is_refunded
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    inner join linked_products
        on order_lines.product_id = linked_products.product_id
    inner join currency_rates
        on orders.currency = currency_rates.currency_code
    left join refunded_lines
        on order_lines.order_line_id = refunded_lines.order_line_id
    where not orders.is_cancelled

)

select * from final
