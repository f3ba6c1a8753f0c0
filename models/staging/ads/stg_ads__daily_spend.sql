with base_daily_spend as (

    select * from {{ ref('base_ads__daily_spend') }}

),

final as (

    select
        spend_date,
        platform,
        campaign_id,
        campaign_name,
        utm_source,
        utm_medium,
        utm_campaign,
        currency,
        spend_amount,
        impression_count,
        click_count
    from base_daily_spend
    where is_staged

)

select * from final
