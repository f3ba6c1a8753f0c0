with posts as (

    select * from {{ ref('int_social_posts_unified') }}

),

products as (

    select * from {{ ref('stg_shopify__products') }}

),

product_taxonomy as (

    select * from {{ ref('product_taxonomy') }}

),

post_product_links as (

    select distinct
        post_id,
        platform,
        creator_username,
        unnest(linked_product_ids) as product_id
    from posts

),

final as (

    select
        post_product_links.post_id,
        post_product_links.product_id,
        post_product_links.platform,
        post_product_links.creator_username,
        products.brand_name,
        product_taxonomy.category
    from post_product_links
    left join products
        on post_product_links.product_id = products.product_id
    left join product_taxonomy
        on products.product_type = product_taxonomy.product_type

)

select * from final
