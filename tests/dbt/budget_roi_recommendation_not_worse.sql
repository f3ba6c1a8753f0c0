-- The recommended allocation maximises predicted revenue under the same total budget and caps, so
-- at every budget it predicts at least the revenue of the current mix scaled to that budget,
-- whenever the scaled current mix itself respects the caps (at most
-- var budget_max_multiple_of_current times current spend per segment).
with scenarios as (

    select * from {{ ref('budget_roi_scenarios') }}

),

per_budget as (

    select
        budget_multiple_of_current,
        sum(recommended_revenue) as recommended_revenue,
        sum(current_mix_revenue) as current_mix_revenue,
        sum(recommended_spend) as recommended_spend,
        max(total_budget) as total_budget
    from scenarios
    group by budget_multiple_of_current

)

select *
from per_budget
where
    abs(recommended_spend - total_budget) > 0.01 * total_budget
    or (
        budget_multiple_of_current <= {{ var('budget_max_multiple_of_current') }}
        and recommended_revenue < current_mix_revenue * 0.999
    )
