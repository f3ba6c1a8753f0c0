with base_orders as (

    select * from {{ ref('base_shopify__orders') }}

),

final as (

    select
        source_file,
        order_id,
        reject_reason,
        raw_line
    from base_orders
    where reject_reason is not null

)

select * from final
