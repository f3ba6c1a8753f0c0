with base_orders as (

    select * from {{ ref('base_shopify__orders') }}
    where is_staged

),

refunds_unnested as (

    select
        order_id,
        currency,
        unnest(refunds) as refund
    from base_orders

),

final as (

    select
        trim(refund['id']) as refund_id,
        order_id,
        {{ iso_to_utc_timestamp("refund['created_at']") }} as refunded_at,
        refund['note'] as refund_note,
        coalesce(len(refund['refund_line_items']), 0) as refund_line_count,
        currency
    from refunds_unnested

)

select * from final
