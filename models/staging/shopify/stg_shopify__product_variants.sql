with base_products as (

    select * from {{ ref('base_shopify__products') }}
    where is_staged

),

variants_unnested as (

    select
        product_id,
        unnest(variants) as variant,
        unnest(generate_series(1, len(variants))) as variant_position
    from base_products

),

final as (

    select
        trim(variant['id']) as variant_id,
        product_id,
        variant_position,
        variant['sku'] as sku,
        variant['title'] as variant_title,
        variant['option1'] as option_value,
        {{ safe_cast_money("variant['price']") }} as price,
        {{ safe_cast_money("variant['compare_at_price']") }} as compare_at_price,
        {{ safe_cast_integer("variant['inventory_quantity']") }} as inventory_quantity
    from variants_unnested

)

select * from final
