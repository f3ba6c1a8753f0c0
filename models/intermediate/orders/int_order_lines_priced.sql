with order_lines as (

    select * from {{ ref('stg_shopify__order_lines') }}

),

orders as (

    select * from {{ ref('stg_shopify__orders') }}

),

products as (

    select * from {{ ref('stg_shopify__products') }}

),

product_taxonomy as (

    select * from {{ ref('product_taxonomy') }}

),

refund_lines as (

    select * from {{ ref('stg_shopify__refund_lines') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

-- A line refunded in several refunds: its first refund time and the sum of the amounts, in USD.
refunds_per_line as (

    select
        refund_lines.order_line_id,
        min(refund_lines.refunded_at) as first_refunded_at,
        sum(refund_lines.refund_amount * currency_rates.usd_per_unit) as refund_amount_usd
    from refund_lines
    inner join currency_rates
        on refund_lines.currency = currency_rates.currency_code
    group by refund_lines.order_line_id

),

final as (

    select
        order_lines.order_line_id,
        order_lines.order_id,
        order_lines.line_position,
        order_lines.product_id,
        order_lines.sku,
        order_lines.quantity,
        orders.ordered_at,
        cast(orders.ordered_at as date) as ordered_date,
        orders.currency,
        orders.shipping_country_code,
        products.brand_name,
        products.product_type,
        product_taxonomy.category,
        product_taxonomy.department,
        order_lines.unit_price * currency_rates.usd_per_unit as unit_price_usd,
        order_lines.quantity * order_lines.unit_price * currency_rates.usd_per_unit as line_revenue_usd,
        refunds_per_line.first_refunded_at,
        refunds_per_line.refund_amount_usd,
        refunds_per_line.order_line_id is not null as is_refunded
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    inner join currency_rates
        on orders.currency = currency_rates.currency_code
    left join products
        on order_lines.product_id = products.product_id
    left join product_taxonomy
        on products.product_type = product_taxonomy.product_type
    left join refunds_per_line
        on order_lines.order_line_id = refunds_per_line.order_line_id
    where not orders.is_cancelled

)

select * from final
