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
