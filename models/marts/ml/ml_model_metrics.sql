with trend_longevity_backtest as (

    select * from {{ ref('trend_longevity_backtest') }}

),

creator_cluster_quality as (

    select * from {{ ref('creator_cluster_quality') }}

),

creator_forecast_backtest as (

    select * from {{ ref('creator_forecast_backtest') }}

),

unioned as (

    select
        model_name,
        metric,
        split,
        value,
        n_rows,
        computed_at
    from trend_longevity_backtest

    union all

    select
        model_name,
        metric,
        split,
        value,
        n_rows,
        computed_at
    from creator_cluster_quality

    union all

    select
        model_name,
        metric,
        split,
        value,
        n_rows,
        computed_at
    from creator_forecast_backtest

),

final as (

    select
        cast(model_name as varchar) as model_name,
        cast(metric as varchar) as metric,
        cast(split as varchar) as split,
        -- `value` is the metrics-table column name shared by every model's metrics table
        cast(value as double) as value,  -- noqa: RF04
        cast(n_rows as bigint) as n_rows,
        cast(computed_at as timestamp) as computed_at
    from unioned

)

select
    model_name,
    metric,
    split,
    value,
    n_rows,
    computed_at
from final
