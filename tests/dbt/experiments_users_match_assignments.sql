-- Every metric of an experiment counts the same assigned users per variant, and they add up to
-- the users of the assignment log.
with results as (

    select * from {{ ref('experiment_results') }}

),

assignments as (

    select * from {{ ref('stg_experiments__assignments') }}

),

logged as (

    select
        experiment_id,
        variant,
        count(*) as logged_users
    from assignments
    group by experiment_id, variant

)

select
    results.experiment_id,
    results.variant,
    results.metric,
    results.assigned_users,
    logged.logged_users
from results
full outer join logged
    on
        results.experiment_id = logged.experiment_id
        and results.variant = logged.variant
where
    results.assigned_users is distinct from logged.logged_users
    or results.measured_users > results.assigned_users
    or results.numerator_total > results.denominator_total
