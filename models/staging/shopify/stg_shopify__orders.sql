with base_orders as (

    select * from {{ ref('base_shopify__orders') }}

),

final as (

    select
        order_id,
        order_name,
        customer_id,
        email_hash,
        ordered_at,
        processed_at,
        cancelled_at,
        is_cancelled,
        updated_at,
        currency,
        total_price,
        subtotal_price,
        total_discount_amount,
        total_tax,
        financial_status,
        fulfillment_status,
        landing_site,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        referring_site,
        source_name,
        shipping_country_code,
        shipping_province_code,
        line_item_count,
        refund_count
    from base_orders
    where is_staged

)

select * from final
