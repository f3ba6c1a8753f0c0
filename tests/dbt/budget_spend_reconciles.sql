-- Nothing lost or invented in int_marketing_spend_weekly: ads spend per week equals the staged
-- ads spend in USD of that week, and creator spend in total equals the staged contract fees in
-- USD (a contract without a post is spread over its days, not dropped). Also fails when a staged
-- row has no exchange rate (it would drop out of both sides).
with currency_rates as (

    select * from {{ ref('currency_rates') }}

),

ads_in as (

    select
        cast({{ dbt.date_trunc('week', 'ad_spend.spend_date') }} as date) as week_start,
        'ads' as spend_source,
        sum(ad_spend.spend_amount * currency_rates.usd_per_unit) as spend_usd,
        count(*) - count(currency_rates.currency_code) as rows_without_rate
    from {{ ref('stg_ads__daily_spend') }} as ad_spend
    left join currency_rates
        on ad_spend.currency = currency_rates.currency_code
    group by 1

),

creators_in as (

    select
        cast(null as date) as week_start,
        'creator_contract' as spend_source,
        sum(contracts.fee_amount * currency_rates.usd_per_unit) as spend_usd,
        count(*) - count(currency_rates.currency_code) as rows_without_rate
    from {{ ref('stg_creator_contracts__contracts') }} as contracts
    left join currency_rates
        on contracts.currency = currency_rates.currency_code

),

spend_in as (

    select * from ads_in

    union all

    select * from creators_in

),

spend_out as (

    select
        case when spend_source = 'ads' then week_start end as week_start,
        spend_source,
        sum(spend_usd) as spend_usd
    from {{ ref('int_marketing_spend_weekly') }}
    group by 1, 2

)

select
    coalesce(spend_in.spend_source, spend_out.spend_source) as spend_source,
    coalesce(spend_in.week_start, spend_out.week_start) as week_start,
    spend_in.spend_usd as spend_usd_in,
    spend_out.spend_usd as spend_usd_out,
    spend_in.rows_without_rate
from spend_in
full outer join spend_out
    on
        spend_in.spend_source = spend_out.spend_source
        and spend_in.week_start is not distinct from spend_out.week_start
where
    abs(coalesce(spend_in.spend_usd, 0) - coalesce(spend_out.spend_usd, 0)) > 0.005
    or spend_in.rows_without_rate > 0
