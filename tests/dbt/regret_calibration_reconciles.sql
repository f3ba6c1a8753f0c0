-- The calibration bins cover every test line once: their line counts sum to the rows the
-- model was scored on (roc_auc's n_rows), and every bin of regret_model_metrics has a row.
-- Returns a row when either fails.
with regret_model_metrics as (

    select * from {{ ref('regret_model_metrics') }}

),

regret_calibration as (

    select * from {{ ref('regret_calibration') }}

),

expected as (

    select
        max(n_rows) filter (where metric = 'roc_auc') as test_line_count,
        count(*) filter (where metric like 'calibration_bin_%_observed') as bin_count
    from regret_model_metrics
    where split = 'test'

),

actual as (

    select
        sum(order_line_count) as test_line_count,
        count(*) as bin_count
    from regret_calibration

)

select
    expected.test_line_count as expected_test_line_count,
    actual.test_line_count as actual_test_line_count,
    expected.bin_count as expected_bin_count,
    actual.bin_count as actual_bin_count
from expected
cross join actual
where
    expected.bin_count != actual.bin_count
    or (expected.bin_count > 0 and expected.test_line_count != actual.test_line_count)
