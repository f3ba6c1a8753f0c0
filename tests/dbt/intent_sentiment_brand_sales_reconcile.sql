-- Nothing lost or invented in int_brand_daily_sales: its revenue in USD, units and row count per
-- day equal those of the staged order lines of orders that were not cancelled and whose product
-- has a brand. Also fails when such a line has no exchange rate (it would drop out of both sides)
-- or when the dense grid is not brands x days.
with currency_rates as (

    select * from {{ ref('currency_rates') }}

),

lines_in as (

    select
        sum(order_lines.quantity * order_lines.unit_price * currency_rates.usd_per_unit)
            as revenue_usd,
        sum(order_lines.quantity) as units_sold,
        count(*) - count(currency_rates.currency_code) as lines_without_rate
    from {{ ref('stg_shopify__order_lines') }} as order_lines
    inner join {{ ref('stg_shopify__orders') }} as orders
        on order_lines.order_id = orders.order_id
    inner join {{ ref('stg_shopify__products') }} as products
        on order_lines.product_id = products.product_id
    left join currency_rates
        on orders.currency = currency_rates.currency_code
    where
        not orders.is_cancelled
        and products.brand_name is not null

),

sales_out as (

    select
        sum(revenue_usd) as revenue_usd,
        sum(units_sold) as units_sold,
        count(*) as row_count,
        count(distinct brand) * count(distinct sale_date) as grid_count
    from {{ ref('int_brand_daily_sales') }}

)

select
    lines_in.revenue_usd as revenue_usd_in,
    sales_out.revenue_usd as revenue_usd_out,
    lines_in.units_sold as units_sold_in,
    sales_out.units_sold as units_sold_out,
    lines_in.lines_without_rate,
    sales_out.row_count,
    sales_out.grid_count
from lines_in
cross join sales_out
where
    abs(coalesce(lines_in.revenue_usd, 0) - coalesce(sales_out.revenue_usd, 0)) > 0.005
    or lines_in.units_sold != sales_out.units_sold
    or lines_in.lines_without_rate > 0
    or sales_out.row_count != sales_out.grid_count
