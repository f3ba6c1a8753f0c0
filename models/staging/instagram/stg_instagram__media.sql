with base_media as (

    select * from {{ ref('base_instagram__media') }}

),

final as (

    select
        media_id,
        account_id,
        creator_username,
        posted_at,
        caption,
        media_type,
        media_product_type,
        permalink,
        like_count,
        comment_count,
        reach_count,
        view_count,
        saved_count,
        share_count,
        tagged_product_ids,
        pulled_at
    from base_media
    where is_staged

)

select * from final
