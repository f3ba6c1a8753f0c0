-- Every model gives every conversion exactly one unit of credit, over its touchpoints.
select
    conversion_id,
    model,
    sum(credit) as total_credit
from {{ ref('fct_attribution_credits') }}
group by conversion_id, model
having abs(sum(credit) - 1) > 1e-9
