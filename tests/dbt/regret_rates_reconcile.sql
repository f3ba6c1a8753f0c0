-- Every dimension of regret_rates partitions all outcome lines: per dimension, lines and regret
-- counts add up to those of fct_purchase_outcomes; the stated rate only counts surveyed lines.
with outcomes as (

    select
        count(*) as line_count,
        count(*) filter (where is_regret_behavioural) as behavioural_regret_count,
        count(*) filter (where is_regret_combined) as combined_regret_count,
        count(*) filter (where is_regret_stated is not null) as surveyed_line_count
    from {{ ref('fct_purchase_outcomes') }}

),

rates as (

    select
        dimension,
        sum(line_count) as line_count,
        sum(behavioural_regret_count) as behavioural_regret_count,
        sum(combined_regret_count) as combined_regret_count,
        sum(surveyed_line_count) as surveyed_line_count,
        count(*) filter (where stated_regret_count > surveyed_line_count) as stated_over_base
    from {{ ref('regret_rates') }}
    group by dimension

)

select
    rates.dimension,
    rates.line_count,
    outcomes.line_count as expected_line_count
from rates
cross join outcomes
where
    rates.line_count != outcomes.line_count
    or rates.behavioural_regret_count != outcomes.behavioural_regret_count
    or rates.combined_regret_count != outcomes.combined_regret_count
    or rates.surveyed_line_count != outcomes.surveyed_line_count
    or rates.stated_over_base > 0
