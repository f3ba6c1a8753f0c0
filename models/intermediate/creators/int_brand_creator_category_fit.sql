with products as (

    select * from {{ ref('stg_shopify__products') }}

),

product_taxonomy as (

    select * from {{ ref('product_taxonomy') }}

),

post_products as (

    select * from {{ ref('int_creator_post_products') }}

),

brand_categories as (

    select distinct
        products.brand_name,
        product_taxonomy.category
    from products
    inner join product_taxonomy
        on products.product_type = product_taxonomy.product_type
    where products.brand_name is not null

),

brand_category_lists as (

    select
        brand_name,
        string_agg(category, ', ' order by category) as brand_categories
    from brand_categories
    group by brand_name

),

creator_post_categories as (

    -- a post counts once per category, whichever of its products is in it
    select distinct
        creator_username,
        post_id,
        category
    from post_products
    where category is not null

),

creator_product_posts as (

    select
        creator_username,
        count(distinct post_id) as product_post_count
    from creator_post_categories
    group by creator_username

),

creator_brand_posts as (

    -- posts of the creator in any of the brand's categories (a post counts once per brand)
    select
        brand_categories.brand_name,
        creator_post_categories.creator_username,
        count(distinct creator_post_categories.post_id) as brand_category_post_count
    from creator_post_categories
    inner join brand_categories
        on creator_post_categories.category = brand_categories.category
    group by brand_categories.brand_name, creator_post_categories.creator_username

),

final as (

    select
        brand_category_lists.brand_name,
        creator_product_posts.creator_username,
        brand_category_lists.brand_categories,
        creator_product_posts.product_post_count,
        coalesce(creator_brand_posts.brand_category_post_count, 0) as brand_category_post_count,
        coalesce(creator_brand_posts.brand_category_post_count, 0) * 1.0
        / creator_product_posts.product_post_count as category_fit_rate
    from brand_category_lists
    cross join creator_product_posts
    left join creator_brand_posts
        on
            brand_category_lists.brand_name = creator_brand_posts.brand_name
            and creator_product_posts.creator_username = creator_brand_posts.creator_username

)

select * from final
