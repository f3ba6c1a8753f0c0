{#- A view, not a table like the rest of staging: `base_ga4__events` is incremental, and a view
    over it is always exactly its staged (or rejected) rows, at no cost per run. -#}
{{ config(materialized='view') }}

with base_events as (

    select * from {{ ref('base_ga4__events') }}

),

final as (

    select
        source_file,
        event_id,
        user_pseudo_id,
        reject_reason,
        raw_line
    from base_events
    where reject_reason is not null

)

select * from final
