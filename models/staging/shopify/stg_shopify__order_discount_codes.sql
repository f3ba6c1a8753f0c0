with base_orders as (

    select * from {{ ref('base_shopify__orders') }}
    where is_staged

),

codes_unnested as (

    select
        order_id,
        currency,
        unnest(discount_codes) as discount_code,
        unnest(generate_series(1, len(discount_codes))) as code_position
    from base_orders

),

final as (

    select
        order_id,
        code_position,
        upper(trim(discount_code['code'])) as discount_code,
        lower(discount_code['type']) as discount_type,
        {{ safe_cast_money("discount_code['amount']") }} as discount_amount,
        currency
    from codes_unnested

)

select * from final
