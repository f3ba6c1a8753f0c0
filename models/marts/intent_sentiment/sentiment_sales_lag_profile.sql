-- The lag profile across brands, one row per lag: the median of the brands' correlations
-- between positive-mention share and sales at that lag (sentiment_sales_lags), for the report.
with lags as (

    select * from {{ ref('sentiment_sales_lags') }}

),

final as (

    select
        cast(lag_days as bigint) as lag_days,
        cast(median(correlation) as double) as median_correlation,
        cast(count(*) as bigint) as brand_count
    from lags
    group by lag_days

)

select * from final
