with orders as (

    select * from {{ ref('stg_shopify__orders') }}

),

order_lines as (

    select * from {{ ref('stg_shopify__order_lines') }}

),

products as (

    select * from {{ ref('stg_shopify__products') }}

),

brand_lines as (

    -- units of the brand's products in orders that were not cancelled, by shipping country
    select
        products.brand_name,
        orders.shipping_country_code as country_code,
        sum(order_lines.quantity) as unit_count
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    inner join products
        on order_lines.product_id = products.product_id
    where
        not orders.is_cancelled
        and orders.shipping_country_code is not null
        and products.brand_name is not null
    group by products.brand_name, orders.shipping_country_code

),

final as (

    select
        brand_name,
        country_code,
        unit_count,
        unit_count * 1.0 / sum(unit_count) over (partition by brand_name) as unit_share_rate
    from brand_lines

)

select * from final
