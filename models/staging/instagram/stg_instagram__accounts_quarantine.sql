with base_accounts as (

    select * from {{ ref('base_instagram__accounts') }}

),

final as (

    select
        source_file,
        account_id,
        reject_reason,
        raw_line
    from base_accounts
    where reject_reason is not null

)

select * from final
