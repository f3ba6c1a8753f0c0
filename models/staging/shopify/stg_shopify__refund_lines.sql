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

refund_lines_unnested as (

    select
        order_id,
        currency,
        {{ iso_to_utc_timestamp("refund['created_at']") }} as refunded_at,
        trim(refund['id']) as refund_id,
        unnest(refund['refund_line_items']) as refund_line
    from refunds_unnested

),

final as (

    select
        trim(refund_line['id']) as refund_line_id,
        refund_id,
        order_id,
        trim(refund_line['line_item_id']) as order_line_id,
        {{ safe_cast_integer("refund_line['quantity']") }} as quantity,
        {{ safe_cast_money("refund_line['subtotal']") }} as refund_amount,
        currency,
        refunded_at
    from refund_lines_unnested

)

select * from final
