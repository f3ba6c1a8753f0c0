{%- set confidence_z = experiments_normal_quantile('0.5 + ' ~ var('experiments_confidence_level') ~ ' / 2') -%}
{%- set alpha_z = experiments_normal_quantile('1 - ' ~ var('experiments_alpha') ~ ' / 2') -%}
{%- set power_z = experiments_normal_quantile(var('experiments_power')) -%}
{%- set fault_notes = var('experiments_fault_refund_notes') -%}

with assignments as (

    select * from {{ ref('stg_experiments__assignments') }}

),

registry as (

    select * from {{ ref('experiment_registry') }}

),

matched_orders as (

    select * from {{ ref('int_orders_matched_to_ga4') }}

),

order_lines as (

    select * from {{ ref('stg_shopify__order_lines') }}

),

refund_lines as (

    select * from {{ ref('stg_shopify__refund_lines') }}

),

refunds as (

    select * from {{ ref('stg_shopify__refunds') }}

),

survey_responses as (

    select * from {{ ref('int_survey_responses_matched_to_lines') }}

),

assigned_orders as (

    -- the (non-cancelled) orders of an assigned user within the conversion window after the
    -- assignment; GA4's user_pseudo_id is the assignment unit and the key of the tracked orders
    select
        assignments.experiment_id,
        assignments.user_pseudo_id,
        matched_orders.order_id,
        matched_orders.ordered_at
    from assignments
    inner join matched_orders
        on
            assignments.user_pseudo_id = matched_orders.user_pseudo_id
            and assignments.assigned_at <= matched_orders.ordered_at
            and assignments.assigned_at + to_days({{ var('experiments_conversion_window_days') }})
            > matched_orders.ordered_at
    where matched_orders.is_tracked

),

line_returns as (

    -- a line's first refund within the outcome window of its order, and whether its refund note
    -- gives a fault (damaged, defective, wrong size) rather than a change of mind
    select
        refund_lines.order_line_id,
        bool_and(
            list_contains({{ fault_notes }}, coalesce(lower(trim(refunds.refund_note)), ''))
        ) as is_fault_return
    from refund_lines
    inner join order_lines
        on refund_lines.order_line_id = order_lines.order_line_id
    left join refunds
        on refund_lines.refund_id = refunds.refund_id
    where
        refund_lines.refunded_at
        <= order_lines.ordered_at + to_days({{ var('experiments_outcome_window_days') }})
    group by refund_lines.order_line_id

),

surveyed_lines as (

    -- the post-purchase survey asks about the order's most valuable line: the only line-level
    -- record of a resale (resale listings carry a SKU, not an order line). A line is resold per
    -- the survey when a response within its outcome window says so.
    select
        order_line_id,
        bool_or(coalesce(kept_status = 'resold', false)) as is_resold_per_survey
    from survey_responses
    where submitted_at <= ordered_at + to_days({{ var('experiments_outcome_window_days') }})
    group by order_line_id

),

assigned_lines as (

    select
        assigned_orders.experiment_id,
        assigned_orders.user_pseudo_id,
        order_lines.order_line_id,
        line_returns.order_line_id is not null as is_returned,
        (line_returns.order_line_id is not null and not line_returns.is_fault_return)
        or coalesce(surveyed_lines.is_resold_per_survey, false) as is_regretted
    from assigned_orders
    inner join order_lines
        on assigned_orders.order_id = order_lines.order_id
    left join line_returns
        on order_lines.order_line_id = line_returns.order_line_id
    left join surveyed_lines
        on order_lines.order_line_id = surveyed_lines.order_line_id

),

user_orders as (

    select
        experiment_id,
        user_pseudo_id,
        count(*) as order_count
    from assigned_orders
    group by experiment_id, user_pseudo_id

),

user_lines as (

    select
        experiment_id,
        user_pseudo_id,
        count(*) as lines_bought,
        count_if(is_returned) as lines_returned,
        count_if(is_regretted) as lines_regretted
    from assigned_lines
    group by experiment_id, user_pseudo_id

),

units as (

    -- one row per assigned user: the outcomes the metrics are ratios of
    select
        assignments.experiment_id,
        assignments.user_pseudo_id,
        assignments.variant,
        case when user_orders.order_count > 0 then 1 else 0 end as has_ordered,
        coalesce(user_lines.lines_bought, 0) as lines_bought,
        coalesce(user_lines.lines_returned, 0) as lines_returned,
        coalesce(user_lines.lines_regretted, 0) as lines_regretted
    from assignments
    left join user_orders
        on
            assignments.experiment_id = user_orders.experiment_id
            and assignments.user_pseudo_id = user_orders.user_pseudo_id
    left join user_lines
        on
            assignments.experiment_id = user_lines.experiment_id
            and assignments.user_pseudo_id = user_lines.user_pseudo_id

),

unit_metrics as (

    -- each metric is a ratio sum(numerator) / sum(denominator) over the assigned users
    select
        experiment_id,
        variant,
        'conversion_rate' as metric,
        has_ordered as numerator,
        1 as denominator
    from units
    union all
    select
        experiment_id,
        variant,
        'return_rate' as metric,
        lines_returned as numerator,
        lines_bought as denominator
    from units
    union all
    select
        experiment_id,
        variant,
        'regret_rate' as metric,
        lines_regretted as numerator,
        lines_bought as denominator
    from units

),

variant_sums as (

    select
        experiment_id,
        variant,
        metric,
        count(*) as assigned_users,
        count_if(denominator > 0) as measured_users,
        sum(numerator) as numerator_sum,
        sum(denominator) as denominator_sum,
        sum(numerator * numerator) as numerator_squares,
        sum(denominator * denominator) as denominator_squares,
        sum(numerator * denominator) as cross_products
    from unit_metrics
    group by experiment_id, variant, metric

),

variant_rates as (

    select
        *,
        numerator_sum / nullif(denominator_sum, 0) as metric_value
    from variant_sums

),

variant_variances as (

    -- variance of the ratio with the user as unit (delta method: lines of one user are not
    -- independent): sum((y - R n)^2) / (sum n)^2 x m / (m - 1); p(1 - p) / (m - 1) for a proportion
    select
        *,
        (numerator_squares - 2 * metric_value * cross_products + metric_value * metric_value * denominator_squares)
        / (denominator_sum * denominator_sum)
        * measured_users / nullif(measured_users - 1, 0) as metric_variance
    from variant_rates

),

allocation_cells as (

    -- assigned users per experiment and cell: the whole experiment and each platform (an
    -- assignment log that loses users on one platform shows there first)
    select
        experiment_id,
        'all' as allocation_cell,
        count_if(variant = 'treatment') as treatment_users,
        count(*) as total_users
    from assignments
    group by experiment_id
    union all
    select
        experiment_id,
        coalesce(platform, 'unknown') as allocation_cell,
        count_if(variant = 'treatment') as treatment_users,
        count(*) as total_users
    from assignments
    group by experiment_id, coalesce(platform, 'unknown')

),

sample_ratio_cells as (

    -- sample-ratio mismatch: chi-square (1 degree of freedom) of the assigned users per variant
    -- against the registry's allocation
    select
        allocation_cells.experiment_id,
        allocation_cells.allocation_cell,
        allocation_cells.total_users,
        power(
            allocation_cells.treatment_users
            - allocation_cells.total_users * registry.expected_allocation_treatment,
            2
        )
        / (allocation_cells.total_users * registry.expected_allocation_treatment)
        + power(
            allocation_cells.treatment_users
            - allocation_cells.total_users * registry.expected_allocation_treatment,
            2
        )
        / (allocation_cells.total_users * (1 - registry.expected_allocation_treatment)) as srm_chi_square
    from allocation_cells
    inner join registry
        on allocation_cells.experiment_id = registry.experiment_id

),

sample_ratio_cells_tested as (

    select
        *,
        {{ creators_two_sided_p_value('sqrt(srm_chi_square)') }} as srm_p_value
    from sample_ratio_cells

),

sample_ratio_tested as (

    -- the whole experiment's test, and the platforms' smallest p-value (Bonferroni-adjusted
    -- threshold: divided by the number of platforms)
    select
        sample_ratio_cells_tested.experiment_id,
        any_value(registry.expected_allocation_treatment) as expected_allocation_treatment,
        any_value(registry.minimum_detectable_effect_target) as minimum_detectable_effect_target,
        any_value(registry.primary_metric) as primary_metric,
        max(sample_ratio_cells_tested.total_users) filter (
            where sample_ratio_cells_tested.allocation_cell = 'all'
        ) as total_users,
        max(sample_ratio_cells_tested.srm_p_value) filter (
            where sample_ratio_cells_tested.allocation_cell = 'all'
        ) as srm_p_value,
        min(sample_ratio_cells_tested.srm_p_value) filter (
            where sample_ratio_cells_tested.allocation_cell != 'all'
        ) as srm_platform_min_p_value,
        arg_min(sample_ratio_cells_tested.allocation_cell, sample_ratio_cells_tested.srm_p_value) filter (
            where sample_ratio_cells_tested.allocation_cell != 'all'
        ) as srm_platform,
        count(*) filter (where sample_ratio_cells_tested.allocation_cell != 'all') as platform_count
    from sample_ratio_cells_tested
    inner join registry
        on sample_ratio_cells_tested.experiment_id = registry.experiment_id
    group by sample_ratio_cells_tested.experiment_id

),

compared as (

    select
        variants.experiment_id,
        variants.variant,
        variants.metric,
        variants.assigned_users,
        variants.measured_users,
        variants.numerator_sum,
        variants.denominator_sum,
        variants.metric_value,
        variants.metric_variance,
        control.metric_value as control_value,
        control.metric_variance as control_variance,
        control.measured_users as control_measured_users,
        treatment.measured_users as treatment_measured_users,
        sample_ratio_tested.expected_allocation_treatment,
        sample_ratio_tested.minimum_detectable_effect_target,
        sample_ratio_tested.primary_metric,
        sample_ratio_tested.total_users,
        sample_ratio_tested.srm_p_value,
        sample_ratio_tested.srm_platform_min_p_value,
        sample_ratio_tested.srm_platform,
        sample_ratio_tested.platform_count,
        variants.variant = 'treatment' as is_treatment
    from variant_variances as variants
    inner join variant_variances as control
        on
            variants.experiment_id = control.experiment_id
            and variants.metric = control.metric
            and control.variant = 'control'
    left join variant_variances as treatment
        on
            variants.experiment_id = treatment.experiment_id
            and variants.metric = treatment.metric
            and treatment.variant = 'treatment'
    inner join sample_ratio_tested
        on variants.experiment_id = sample_ratio_tested.experiment_id

),

lifts as (

    select
        *,
        case when is_treatment then metric_value - control_value end as absolute_lift,
        case when is_treatment then sqrt(metric_variance + control_variance) end as lift_standard_error,
        case when is_treatment then metric_value / nullif(control_value, 0) - 1 end as relative_lift,
        -- delta method for the ratio of the two rates
        case
            when is_treatment
                then sqrt(
                    metric_variance / nullif(control_value * control_value, 0)
                    + metric_value * metric_value * control_variance
                    / nullif(power(control_value, 4), 0)
                )
        end as relative_lift_standard_error,
        -- minimum detectable effect: (z(1 - alpha / 2) + z(power)) x the standard error of the
        -- difference if both arms had the control's per-user variance
        ({{ alpha_z }} + {{ power_z }})
        * sqrt(
            control_variance * control_measured_users
            * (1.0 / nullif(control_measured_users, 0) + 1.0 / nullif(treatment_measured_users, 0))
        ) as minimum_detectable_effect,
        {{ confidence_z }} as confidence_z
    from compared

),

final as (

    select
        experiment_id,
        variant,
        metric,
        metric = primary_metric as is_primary_metric,
        cast(assigned_users as bigint) as assigned_users,
        cast(measured_users as bigint) as measured_users,
        cast(numerator_sum as double) as numerator_total,
        cast(denominator_sum as double) as denominator_total,
        cast(metric_value as double) as metric_value,
        cast(sqrt(metric_variance) as double) as standard_error,
        cast(control_value as double) as control_value,
        cast(absolute_lift as double) as absolute_lift,
        cast(absolute_lift - confidence_z * lift_standard_error as double) as absolute_lift_ci_low,
        cast(absolute_lift + confidence_z * lift_standard_error as double) as absolute_lift_ci_high,
        cast(relative_lift as double) as relative_lift,
        cast(relative_lift - confidence_z * relative_lift_standard_error as double) as relative_lift_ci_low,
        cast(relative_lift + confidence_z * relative_lift_standard_error as double) as relative_lift_ci_high,
        cast({{ var('experiments_confidence_level') }} as double) as confidence_level,
        cast(
            {{ creators_two_sided_p_value('absolute_lift / nullif(lift_standard_error, 0)') }} as double
        ) as p_value,
        coalesce(
            {{ creators_two_sided_p_value('absolute_lift / nullif(lift_standard_error, 0)') }}
            < {{ var('experiments_alpha') }},
            false
        ) and is_treatment as is_significant,
        cast(assigned_users / total_users as double) as observed_allocation,
        cast(
            case when is_treatment then expected_allocation_treatment else 1 - expected_allocation_treatment end
            as double
        ) as expected_allocation,
        cast(srm_p_value as double) as srm_p_value,
        cast(srm_platform_min_p_value as double) as srm_platform_min_p_value,
        srm_platform,
        coalesce(
            srm_p_value < {{ var('experiments_srm_p_value_threshold') }}
            or srm_platform_min_p_value < {{ var('experiments_srm_p_value_threshold') }} / platform_count,
            false
        ) as has_sample_ratio_mismatch,
        cast(minimum_detectable_effect as double) as minimum_detectable_effect,
        cast(minimum_detectable_effect / nullif(control_value, 0) as double) as minimum_detectable_relative_effect,
        minimum_detectable_effect / nullif(control_value, 0)
        <= minimum_detectable_effect_target as is_adequately_powered
    from lifts

)

select * from final
