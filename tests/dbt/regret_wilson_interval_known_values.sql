-- The Wilson macro gives the textbook values: 10 successes in 100 trials at z = 1.96 lie in
-- [0.0552, 0.1744]; 0 in 20 in [0, 0.1611]; no trials give null.
with cases as (

    select
        10 as successes,
        100 as trials,
        0.0552 as expected_low,
        0.1744 as expected_high
    union all
    select
        0 as successes,
        20 as trials,
        0.0 as expected_low,
        0.1611 as expected_high

),

computed as (

    select
        expected_low,
        expected_high,
        {{ regret_wilson_bound('successes', 'trials', 1.96, -1) }} as ci_low,
        {{ regret_wilson_bound('successes', 'trials', 1.96, 1) }} as ci_high
    from cases

)

select *
from computed
where
    abs(ci_low - expected_low) > 0.0001
    or abs(ci_high - expected_high) > 0.0001
    or {{ regret_wilson_bound('0', '0', 1.96, 1) }} is not null
