with priced_lines as (

    select * from {{ ref('int_order_lines_priced') }}

),

-- Lines of orders that were not cancelled, with the brand (Shopify vendor) of the product.
-- A line whose product is not in the catalogue has no brand and cannot be counted for one.
branded_lines as (

    select
        brand_name as brand,
        ordered_date as sale_date,
        order_id,
        quantity,
        line_revenue_usd
    from priced_lines
    where brand_name is not null

),

brand_day_sales as (

    select
        brand,
        sale_date,
        count(distinct order_id) as order_count,
        sum(quantity) as units_sold,
        sum(line_revenue_usd) as revenue_usd
    from branded_lines
    group by brand, sale_date

),

date_spine as (

    {{ trends_day_spine(
        '(select min(sale_date) from branded_lines)',
        '(select max(sale_date) from branded_lines)'
    ) }}

),

brands as (

    select distinct brand from branded_lines

),

-- Dense grid: every brand on every day from the first to the last order date.
brand_days as (

    select
        brands.brand,
        date_spine.date_day as sale_date
    from brands
    cross join date_spine

),

final as (

    select
        brand_days.brand,
        brand_days.sale_date,
        coalesce(brand_day_sales.order_count, 0) as order_count,
        coalesce(brand_day_sales.units_sold, 0) as units_sold,
        coalesce(brand_day_sales.revenue_usd, 0) as revenue_usd
    from brand_days
    left join brand_day_sales
        on
            brand_days.brand = brand_day_sales.brand
            and brand_days.sale_date = brand_day_sales.sale_date

)

select * from final
