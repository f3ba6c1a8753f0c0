-- Every order line of fct_purchase_outcomes is counted for exactly one product, and the
-- consumer sentence quotes the rounded rate of its own row.
with outcomes as (

    select count(*) as line_count
    from {{ ref('fct_purchase_outcomes') }}

),

risk as (

    select sum(lines_bought) as line_count
    from {{ ref('product_regret_risk') }}

)

select
    outcomes.line_count as outcome_lines,
    risk.line_count as risk_lines
from outcomes
cross join risk
where outcomes.line_count is distinct from risk.line_count

union all

select
    lines_bought as outcome_lines,
    null as risk_lines
from {{ ref('product_regret_risk') }}
where
    has_min_sample
    and not starts_with(consumer_summary, cast(round(regret_rate * 10) as integer) || ' in 10 ')
