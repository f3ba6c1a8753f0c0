-- Truth is read here only to score the lag analysis; it is never a feature of any model.
with true_lags as (

    select * from {{ ref('stg_truth__sentiment_lag') }}

),

insights as (

    select * from {{ ref('sentiment_sales_insights') }}

),

brand_insights as (

    select * from insights
    where not is_overall

),

compared as (

    select
        true_lags.brand_name,
        true_lags.lag_days as true_lag_days,
        true_lags.effect_size_k as true_effect_size_k,
        brand_insights.brand_name is not null as is_analysed,
        brand_insights.best_lag_days as recovered_lag_days,
        brand_insights.best_correlation,
        brand_insights.p_value_adjusted,
        brand_insights.is_significant,
        brand_insights.is_lead
    from true_lags
    left join brand_insights
        on true_lags.brand_name = brand_insights.brand_name

),

final as (

    select
        *,
        recovered_lag_days - true_lag_days as lag_error_days,
        case
            when is_analysed
                then
                    abs(recovered_lag_days - true_lag_days)
                    <= {{ var('intent_sentiment_lag_tolerance_days') }}
        end as is_lag_recovered,
        case
            when is_analysed then sign(recovered_lag_days) = sign(true_lag_days)
        end as is_direction_recovered
    from compared

)

select
    brand_name,
    true_lag_days,
    true_effect_size_k,
    is_analysed,
    recovered_lag_days,
    lag_error_days,
    best_correlation,
    p_value_adjusted,
    is_significant,
    is_lead,
    is_lag_recovered,
    is_direction_recovered
from final
