-- Every treatment row's lifts sit inside their ordered intervals; control rows carry no lift; and
-- the p-value agrees with the interval's exclusion of 0 when the two use the same level.
select
    experiment_id,
    variant,
    metric,
    absolute_lift,
    absolute_lift_ci_low,
    absolute_lift_ci_high,
    relative_lift,
    relative_lift_ci_low,
    relative_lift_ci_high,
    p_value
from {{ ref('experiment_results') }}
where
    absolute_lift_ci_low > absolute_lift
    or absolute_lift > absolute_lift_ci_high
    or relative_lift_ci_low > relative_lift
    or relative_lift > relative_lift_ci_high
    or (variant = 'control' and (absolute_lift is not null or relative_lift is not null or p_value is not null))
    or (variant = 'treatment' and metric_value is not null and control_value is not null and absolute_lift is null)
    or (variant = 'control' and metric_value is distinct from control_value)
    {% if var('experiments_confidence_level') == 0.95 and var('experiments_alpha') == 0.05 %}
        or (p_value < 0.0499 and absolute_lift_ci_low <= 0 and absolute_lift_ci_high >= 0)
        or (p_value > 0.0501 and (absolute_lift_ci_low > 0 or absolute_lift_ci_high < 0))
    {% endif %}
