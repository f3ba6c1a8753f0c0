{#- Every model's metrics table in the shared shape (model_name, metric, split, value, n_rows,
    computed_at); a new model adds its table to this list. -#}
{%- set metrics_tables = [
    'trend_longevity_backtest',
    'creator_cluster_quality',
    'creator_forecast_backtest',
    'intent_model_metrics',
    'sentiment_model_metrics',
    'sentiment_sales_lag_metrics',
    'regret_model_metrics',
] -%}
{#- Attribution models against truth: (column of attribution_model_comparison, metric name). -#}
{%- set attribution_truth_metrics = [
    ('spearman_vs_truth', 'spearman_vs_truth_channel_share'),
    ('mean_abs_share_error_vs_truth', 'mean_abs_error_vs_truth_channel_share'),
] -%}

with attribution_model_comparison as (

    select * from {{ ref('attribution_model_comparison') }}

),

budget_response_curves as (

    select * from {{ ref('budget_response_curves') }}

),

attribution_against_truth as (

    -- each attribution model's channel shares against the true incremental shares
    {% for column, metric in attribution_truth_metrics %}
        select
            'attribution_' || model as model_name,
            '{{ metric }}' as metric,
            'truth' as split,
            {{ column }} as value,  -- noqa: RF04
            channels_compared as n_rows,
            {{ build_started_at() }} as computed_at
        from attribution_model_comparison
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

budget_curve_holdout as (

    -- each response curve scored on the last weeks, fitted without them
    select
        'budget_response_curve_' || segment as model_name,
        'holdout_mape' as metric,
        'test' as split,
        holdout_mape as value,  -- noqa: RF04
        holdout_weeks as n_rows,
        {{ build_started_at() }} as computed_at
    from budget_response_curves
    where holdout_mape is not null

),

unioned as (

    {% for table in metrics_tables %}
        select
            model_name,
            metric,
            split,
            value,
            n_rows,
            computed_at
        from {{ ref(table) }}
        union all
    {% endfor %}
    select
        model_name,
        metric,
        split,
        value,
        n_rows,
        computed_at
    from attribution_against_truth
    union all
    select
        model_name,
        metric,
        split,
        value,
        n_rows,
        computed_at
    from budget_curve_holdout

),

final as (

    -- `value` is the metrics-table column name shared by every model's metrics table
    select {{ metrics_table_columns() }}  -- noqa: RF04
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
