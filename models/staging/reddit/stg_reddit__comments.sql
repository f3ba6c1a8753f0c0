{#- Incremental (delete+insert on `comment_id`): a run re-stages the records pulled within the lookback
    (macro `incremental_lookback_start`, which says why that is every new, re-pulled and late record). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='comment_id',
) }}

with base_comments as (

    select * from {{ ref('base_reddit__comments') }}

),

final as (

    select
        comment_id,
        comment_fullname,
        submission_id,
        parent_comment_id,
        is_top_level,
        subreddit,
        comment_text,
        author_hash,
        commented_at,
        score,
        pulled_at
    from base_comments
    where
        is_staged
    {% if is_incremental() %}
            and pulled_at >= {{ incremental_lookback_start('pulled_at') }}
    {% endif %}

)

select * from final
