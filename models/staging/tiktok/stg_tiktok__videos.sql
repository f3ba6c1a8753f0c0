{#- Incremental (delete+insert on `video_id`): a run re-stages the records pulled within the lookback
    (macro `incremental_lookback_start`, which says why that is every new, re-pulled and late record). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='video_id',
) }}

with base_videos as (

    select * from {{ ref('base_tiktok__videos') }}

),

final as (

    select
        video_id,
        creator_username,
        posted_at,
        region_code,
        video_description,
        hashtags,
        view_count,
        like_count,
        comment_count,
        share_count,
        duration_seconds,
        music_id,
        linked_product_ids,
        pulled_at
    from base_videos
    where
        is_staged
    {% if is_incremental() %}
            and pulled_at >= {{ incremental_lookback_start('pulled_at') }}
    {% endif %}

)

select * from final
