with allocation as (

    select * from {{ ref('budget_allocation') }}

),

curves as (

    select * from {{ ref('budget_response_curves') }}

),

scenarios as (

    select
        allocation.budget_multiple_of_current,
        allocation.total_budget,
        allocation.segment,
        curves.segment_kind,
        curves.a is not null and curves.b is not null as has_curve,
        allocation.current_spend,
        -- the alternative to the recommendation: every segment scaled by the same multiple
        allocation.current_spend * allocation.budget_multiple_of_current as current_mix_spend,
        allocation.allocated_spend as recommended_spend,
        allocation.allocation_share as recommended_share,
        allocation.predicted_revenue,
        allocation.allocation_status,
        curves.a,
        curves.b
    from allocation
    inner join curves
        on allocation.segment = curves.segment

),

final as (

    select
        budget_multiple_of_current,
        total_budget,
        segment,
        segment_kind,
        has_curve,
        current_spend,
        current_mix_spend,
        -- the same response curve as the allocation (revenue = a x spend^b); a segment without
        -- a curve predicts nothing on either side
        case
            when has_curve and current_mix_spend > 0 then a * power(current_mix_spend, b)
            else 0
        end as current_mix_revenue,
        recommended_spend,
        recommended_share,
        coalesce(predicted_revenue, 0) as recommended_revenue,
        coalesce(predicted_revenue, 0)
        - case
            when has_curve and current_mix_spend > 0 then a * power(current_mix_spend, b)
            else 0
        end as revenue_change,
        recommended_spend - current_mix_spend as spend_change,
        allocation_status
    from scenarios

)

select * from final
