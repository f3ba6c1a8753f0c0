with orders as (

    select * from {{ ref('int_orders_matched_to_ga4') }}

),

final as (

    select
        conversion_id,
        ordered_at,
        cast(ordered_at as date) as ordered_date,
        conversion_value_usd,
        promo_code_creator_username
    from orders
    where not is_tracked

)

select * from final
