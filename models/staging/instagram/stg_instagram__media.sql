{#- Incremental (delete+insert on `media_id`): a run re-stages the records pulled within the lookback
    (macro `incremental_lookback_start`, which says why that is every new, re-pulled and late record). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='media_id',
) }}

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
    where
        is_staged
    {% if is_incremental() %}
            and pulled_at >= {{ incremental_lookback_start('pulled_at') }}
    {% endif %}

)

select * from final
