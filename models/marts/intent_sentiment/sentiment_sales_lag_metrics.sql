-- The lag analysis (sentiment_sales_lags / _insights) scored against the planted lags, in the
-- shape of a metrics table for ml_model_metrics.
with validation as (

    select * from {{ ref('sentiment_sales_validation') }}

),

lags as (

    select * from {{ ref('sentiment_sales_lags') }}

),

analysed as (

    select * from validation
    where is_analysed

),

pooled_correlations as (

    -- mean correlation per lag over the analysed brands: one brand's series is noisy, the
    -- planted lag is shared
    select
        lags.lag_days,
        avg(lags.correlation) as mean_correlation
    from lags
    inner join analysed
        on lags.brand_name = analysed.brand_name
    group by lags.lag_days

),

true_lag as (

    select
        median(true_lag_days) as true_lag_days,
        count(*) as n_rows
    from analysed

),

pooled_lag as (

    select
        true_lag.true_lag_days,
        true_lag.n_rows,
        arg_max(pooled_correlations.lag_days, pooled_correlations.mean_correlation) as pooled_lag_days
    from pooled_correlations
    cross join true_lag
    group by true_lag.true_lag_days, true_lag.n_rows

),

metrics as (

    select
        'lag_recovery_rate' as metric,
        avg(cast(is_lag_recovered as double)) as metric_value,
        count(*) as n_rows
    from analysed
    union all
    select
        'lead_direction_rate' as metric,
        avg(cast(is_direction_recovered as double)) as metric_value,
        count(*) as n_rows
    from analysed
    union all
    select
        'significant_lead_rate' as metric,
        avg(cast(is_lead as double)) as metric_value,
        count(*) as n_rows
    from analysed
    union all
    select
        'mean_abs_lag_error_days' as metric,
        avg(abs(lag_error_days)) as metric_value,
        count(*) as n_rows
    from analysed
    union all
    select
        'pooled_lag_abs_error_days' as metric,
        abs(pooled_lag_days - true_lag_days) as metric_value,
        n_rows
    from pooled_lag
    where pooled_lag_days is not null

),

final as (

    select
        'sentiment_sales_lagged_correlation' as model_name,
        metric,
        'truth' as split,
        metric_value as value,  -- noqa: RF04
        n_rows,
        {{ build_started_at() }} as computed_at
    from metrics
    where n_rows > 0

)

select {{ metrics_table_columns() }}  -- noqa: RF04
from final
