with base_listings as (

    select * from {{ ref('base_resale__listings') }}

),

final as (

    select
        listing_id,
        platform,
        sku,
        listing_title,
        seller_handle_hash,
        listed_at,
        list_price,
        sold_at,
        sold_price,
        is_sold,
        currency,
        item_condition,
        listing_status,
        pulled_at
    from base_listings
    where is_staged

)

select * from final
