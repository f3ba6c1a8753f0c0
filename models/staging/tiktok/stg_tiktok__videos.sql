{#- Incremental (delete+insert on `video_id`): a run re-stages only the records pulled in the last
    `incremental_lookback_days` before the latest pull already staged, which includes every new
    record, every re-pull and every late-arriving video (a late record's pull time is recent). The
    base model still reads the whole file (one file, no cheaper way to find its new lines), so
    the quarantine stays exactly the base model's rejected lines. -#}
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
            and pulled_at >= (
                select {{ dbt.dateadd('day', -var('incremental_lookback_days'), 'max(pulled_at)') }}
                from {{ this }}
            )
    {% endif %}

)

select * from final
