with base_contracts as (

    select * from {{ ref('base_creator_contracts__contracts') }}

),

final as (

    select
        source_file,
        contract_id,
        reject_reason,
        raw_line
    from base_contracts
    where reject_reason is not null

)

select * from final
