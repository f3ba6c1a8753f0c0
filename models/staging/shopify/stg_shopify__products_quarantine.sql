with base_products as (

    select * from {{ ref('base_shopify__products') }}

),

final as (

    select
        source_file,
        product_id,
        reject_reason,
        raw_line
    from base_products
    where reject_reason is not null

)

select * from final
