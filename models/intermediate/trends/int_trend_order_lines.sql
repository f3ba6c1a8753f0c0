with priced_lines as (

    select * from {{ ref('int_order_lines_priced') }}

),

products as (

    select * from {{ ref('stg_shopify__products') }}

),

followed_hashtags as (

    select distinct hashtag from {{ ref('int_hashtag_daily') }}

),

product_tags as (

    select
        product_id,
        lower(trim(unnest(tags))) as tag
    from products

),

-- A product rides a trend when one of its Shopify tags is a followed hashtag.
linked_products as (

    select distinct
        product_tags.product_id,
        product_tags.tag as hashtag
    from product_tags
    inner join followed_hashtags
        on product_tags.tag = followed_hashtags.hashtag

),

final as (

    select
        linked_products.hashtag,
        priced_lines.order_line_id,
        priced_lines.order_id,
        priced_lines.product_id,
        priced_lines.ordered_date,
        priced_lines.quantity,
        priced_lines.line_revenue_usd,
        priced_lines.is_refunded
    from priced_lines
    inner join linked_products
        on priced_lines.product_id = linked_products.product_id

)

select * from final
