with base_reviews as (

    select * from {{ ref('base_reviews__reviews') }}

),

final as (

    select
        review_id,
        product_id,
        order_id,
        rating,
        review_title,
        review_text,
        reviewer_name_hash,
        reviewer_email_hash,
        is_verified_buyer,
        review_source,
        reviewed_at,
        pulled_at
    from base_reviews
    where is_staged

)

select * from final
