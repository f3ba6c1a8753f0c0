{#- Incremental (delete+insert on `media_id`): a run re-stages only the records pulled in the last
    `incremental_lookback_days` before the latest pull already staged, which includes every new
    record, every re-pull and every late-arriving post (a late record's pull time is recent). The
    base model still reads the whole file (one file, no cheaper way to find its new lines), so
    the quarantine stays exactly the base model's rejected lines. -#}
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
            and pulled_at >= (
                select {{ dbt.dateadd('day', -var('incremental_lookback_days'), 'max(pulled_at)') }}
                from {{ this }}
            )
    {% endif %}

)

select * from final
