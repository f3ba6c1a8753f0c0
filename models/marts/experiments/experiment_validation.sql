-- Truth is read here only to score the measured lifts; it is never an input of experiment_results.
with results as (

    select * from {{ ref('experiment_results') }}

),

true_effects as (

    select * from {{ ref('stg_truth__experiment_effects') }}

),

planted as (

    -- the generator's relative change of the treatment's metric (0 for the A/A test)
    select
        experiment_id,
        metric,
        true_effect as planted_relative_effect
    from true_effects
    where
        variant = 'treatment'
        and metric in ('conversion_rate', 'return_rate', 'regret_rate')

),

final as (

    select
        planted.experiment_id,
        planted.metric,
        cast(planted.planted_relative_effect as double) as planted_relative_effect,
        results.relative_lift as measured_relative_lift,
        results.relative_lift_ci_low,
        results.relative_lift_ci_high,
        results.relative_lift - planted.planted_relative_effect as relative_lift_error,
        coalesce(
            planted.planted_relative_effect
            between results.relative_lift_ci_low and results.relative_lift_ci_high,
            false
        ) as is_within_ci,
        results.p_value,
        results.is_significant,
        results.minimum_detectable_relative_effect,
        abs(planted.planted_relative_effect)
        >= results.minimum_detectable_relative_effect as is_detectable,
        results.has_sample_ratio_mismatch
    from planted
    inner join results
        on
            planted.experiment_id = results.experiment_id
            and planted.metric = results.metric
            and results.variant = 'treatment'

)

select * from final
