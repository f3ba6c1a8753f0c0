-- The calibration table of the regret model, one row per bin: regret_model_metrics holds it as
-- pairs of metrics (calibration_bin_NN_predicted / _observed), pivoted here for the report.
with regret_model_metrics as (

    select * from {{ ref('regret_model_metrics') }}

),

bin_metrics as (

    select
        cast(regexp_extract(metric, '^calibration_bin_([0-9]+)_', 1) as integer) as calibration_bin,
        regexp_extract(metric, '_(predicted|observed)$', 1) as measure,
        value,
        n_rows
    from regret_model_metrics
    where
        split = 'test'
        and regexp_full_match(metric, 'calibration_bin_[0-9]+_(predicted|observed)')

),

bins as (

    select
        calibration_bin,
        max(value) filter (where measure = 'predicted') as mean_predicted_probability,
        max(value) filter (where measure = 'observed') as observed_regret_rate,
        max(n_rows) as order_line_count
    from bin_metrics
    group by calibration_bin

),

final as (

    select
        cast(calibration_bin as integer) as calibration_bin,
        cast(mean_predicted_probability as double) as mean_predicted_probability,
        cast(observed_regret_rate as double) as observed_regret_rate,
        cast(observed_regret_rate - mean_predicted_probability as double) as calibration_error,
        cast(order_line_count as bigint) as order_line_count
    from bins

)

select * from final
