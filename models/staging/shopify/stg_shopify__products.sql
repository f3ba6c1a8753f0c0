with base_products as (

    select * from {{ ref('base_shopify__products') }}

),

final as (

    select
        product_id,
        product_title,
        product_handle,
        brand_name,
        product_type,
        tags,
        product_status,
        variant_count,
        created_at,
        updated_at
    from base_products
    where is_staged

)

select * from final
