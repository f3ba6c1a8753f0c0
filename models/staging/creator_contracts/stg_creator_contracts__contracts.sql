with base_contracts as (

    select * from {{ ref('base_creator_contracts__contracts') }}

),

final as (

    select
        contract_id,
        brand_name,
        platform,
        creator_username,
        start_date,
        end_date,
        fee_amount,
        currency,
        promo_code,
        deliverables,
        deliverable_count,
        utm_campaign,
        signed_at
    from base_contracts
    where is_staged

)

select * from final
