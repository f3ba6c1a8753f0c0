with priced_lines as (

    select * from {{ ref('int_order_lines_priced') }}

),

brand_lines as (

    -- units of the brand's products in orders that were not cancelled, by shipping country
    select
        brand_name,
        shipping_country_code as country_code,
        sum(quantity) as unit_count
    from priced_lines
    where
        shipping_country_code is not null
        and brand_name is not null
    group by brand_name, shipping_country_code

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
