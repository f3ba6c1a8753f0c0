with base_daily_spend as (

    select * from {{ ref('base_ads__daily_spend') }}

),

final as (

    select
        source_file,
        spend_date,
        campaign_id,
        reject_reason,
        raw_line
    from base_daily_spend
    where reject_reason is not null

)

select * from final
