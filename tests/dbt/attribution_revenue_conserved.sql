-- Every model credits every converting path and distributes exactly the revenue of the
-- conversions: attributed revenue per model equals total conversion revenue.
with converting_paths as (

    select
        count(*) as conversion_count,
        sum(conversion_value_usd) as revenue_usd
    from {{ ref('fct_conversion_paths') }}
    where is_converting

),

attribution_models as (

    select model from {{ ref('attribution_models') }}

),

credited as (

    select
        model,
        count(distinct conversion_id) as conversion_count,
        sum(attributed_revenue_usd) as revenue_usd
    from {{ ref('fct_attribution_credits') }}
    group by model

)

select
    attribution_models.model,
    credited.conversion_count as credited_conversions,
    converting_paths.conversion_count as conversions,
    credited.revenue_usd as credited_revenue_usd,
    converting_paths.revenue_usd
from attribution_models
cross join converting_paths
left join credited
    on attribution_models.model = credited.model
where
    credited.conversion_count is distinct from converting_paths.conversion_count
    or abs(coalesce(credited.revenue_usd, 0) - converting_paths.revenue_usd)
    > 1e-6 * greatest(converting_paths.revenue_usd, 1)
