{#- Incremental (delete+insert on `comment_id`): a run re-stages only the records pulled in the last
    `incremental_lookback_days` before the latest pull already staged, which includes every new
    record, every re-pull and every late-arriving comment (a late record's pull time is recent). The
    base model still reads the whole file (one file, no cheaper way to find its new lines), so
    the quarantine stays exactly the base model's rejected lines. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='comment_id',
) }}

with base_comments as (

    select * from {{ ref('base_tiktok__comments') }}

),

final as (

    select
        comment_id,
        video_id,
        parent_comment_id,
        is_reply,
        comment_text,
        like_count,
        reply_count,
        commented_at,
        pulled_at
    from base_comments
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
