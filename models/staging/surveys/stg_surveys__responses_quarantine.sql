with base_responses as (

    select * from {{ ref('base_surveys__responses') }}

),

final as (

    select
        source_file,
        response_id,
        reject_reason,
        raw_line
    from base_responses
    where reject_reason is not null

)

select * from final
