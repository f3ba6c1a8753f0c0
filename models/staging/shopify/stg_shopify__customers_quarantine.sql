with base_customers as (

    select * from {{ ref('base_shopify__customers') }}

),

final as (

    select
        source_file,
        customer_id,
        reject_reason,
        raw_line
    from base_customers
    where reject_reason is not null

)

select * from final
