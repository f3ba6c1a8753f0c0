with base_orders as (

    select * from {{ ref('base_shopify__orders') }}
    where is_staged

),

lines_unnested as (

    select
        order_id,
        ordered_at,
        currency,
        unnest(line_items) as line_item,
        unnest(generate_series(1, len(line_items))) as line_position
    from base_orders

),

final as (

    select
        trim(line_item['id']) as order_line_id,
        order_id,
        line_position,
        nullif(trim(line_item['product_id']), '') as product_id,
        nullif(trim(line_item['variant_id']), '') as variant_id,
        line_item['sku'] as sku,
        line_item['title'] as product_title,
        {{ safe_cast_integer("line_item['quantity']") }} as quantity,
        {{ safe_cast_money("line_item['price']") }} as unit_price,
        currency,
        ordered_at
    from lines_unnested

)

select * from final
