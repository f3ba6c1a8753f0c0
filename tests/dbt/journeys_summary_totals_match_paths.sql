-- The path summary's totals equal the paths': conversions, value, non-converting paths, and
-- touchpoints (path_length x paths).
with summary as (

    select
        sum(total_conversions) as total_conversions,
        sum(total_conversion_value) as total_conversion_value,
        sum(total_null) as total_null,
        sum(path_length * (total_conversions + total_null)) as total_touchpoints
    from {{ ref('conversion_path_summary') }}

),

paths as (

    select
        count(*) filter (where is_converting) as total_conversions,
        sum(conversion_value_usd) as total_conversion_value,
        count(*) filter (where not is_converting) as total_null,
        sum(touchpoint_count) as total_touchpoints
    from {{ ref('fct_conversion_paths') }}

)

select
    summary.*,
    paths.total_conversions as path_conversions,
    paths.total_conversion_value as path_conversion_value,
    paths.total_null as path_nulls,
    paths.total_touchpoints as path_touchpoints
from summary
cross join paths
where
    summary.total_conversions != paths.total_conversions
    or abs(summary.total_conversion_value - paths.total_conversion_value) > 0.01
    or summary.total_null != paths.total_null
    or summary.total_touchpoints != paths.total_touchpoints
