with contracts as (

    select * from {{ ref('stg_creator_contracts__contracts') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

contract_fees as (

    -- a contract's fee per deliverable, in USD; contracts without a deliverable count are left out
    select
        contracts.creator_username,
        contracts.fee_amount * currency_rates.usd_per_unit / contracts.deliverable_count as fee_per_post_usd
    from contracts
    inner join currency_rates
        on contracts.currency = currency_rates.currency_code
    where contracts.deliverable_count > 0

),

final as (

    select
        creator_username,
        count(*) as contract_count,
        median(fee_per_post_usd) as median_fee_per_post_usd
    from contract_fees
    group by creator_username

)

select * from final
