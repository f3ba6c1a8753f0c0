with base_interest as (

    select * from {{ ref('base_trends__interest_over_time') }}

),

final as (

    select
        source_file,
        interest_date,
        reject_reason,
        raw_line
    from base_interest
    where reject_reason is not null

)

select * from final
