{%- set dimensions = {
    'all': "'all'",
    'category': "coalesce(category, 'unknown')",
    'price_band': 'price_band',
    'trend_stage_at_purchase': 'trend_stage_at_purchase',
    'channel': "case when is_creator_driven then 'creator_driven' else 'not_creator_driven' end",
    'impulse_band': "coalesce(impulse_band, 'untracked')",
    'age_band': "coalesce(age_band, 'unknown')",
    'gender': "coalesce(gender, 'unknown')",
    'region': "coalesce(shipping_country_code, 'unknown')",
} -%}
{%- set z = var('regret_ci_z') -%}
{%- set min_n = var('regret_min_sample_size') -%}

with purchase_outcomes as (

    select * from {{ ref('fct_purchase_outcomes') }}

),

-- One row per order line x dimension: the line's segment in that dimension.
lines_segmented as (

    {% for dimension, expression in dimensions.items() %}
        select
            '{{ dimension }}' as dimension,
            {{ expression }} as segment,
            outcome,
            is_surveyed,
            is_regret_behavioural,
            is_regret_stated,
            is_regret_combined
        from purchase_outcomes
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

aggregated as (

    select
        dimension,
        segment,
        count(*) as line_count,
        count(*) filter (where outcome = 'returned') as returned_line_count,
        count(*) filter (where is_regret_behavioural) as behavioural_regret_count,
        count(*) filter (where is_regret_combined) as combined_regret_count,
        count(*) filter (where is_regret_stated is not null) as surveyed_line_count,
        count(*) filter (where is_regret_stated) as stated_regret_count
    from lines_segmented
    group by dimension, segment

),

-- Below the minimum sample a rate and its interval are too noisy to read: the row is kept (so
-- every segment is visible) with null rates and is_below_min_sample true.
final as (

    select
        dimension,
        segment,
        line_count,
        line_count < {{ min_n }} as is_below_min_sample,
        returned_line_count,
        behavioural_regret_count,
        combined_regret_count,
        surveyed_line_count,
        stated_regret_count,
        case when line_count >= {{ min_n }} then cast(returned_line_count as double) / line_count end
            as return_rate,
        case when line_count >= {{ min_n }} then cast(behavioural_regret_count as double) / line_count end
            as behavioural_regret_rate,
        case
            when line_count >= {{ min_n }}
                then {{ regret_wilson_bound('behavioural_regret_count', 'line_count', z, -1) }}
        end as behavioural_regret_ci_low,
        case
            when line_count >= {{ min_n }}
                then {{ regret_wilson_bound('behavioural_regret_count', 'line_count', z, 1) }}
        end as behavioural_regret_ci_high,
        case when line_count >= {{ min_n }} then cast(combined_regret_count as double) / line_count end
            as combined_regret_rate,
        case
            when line_count >= {{ min_n }}
                then {{ regret_wilson_bound('combined_regret_count', 'line_count', z, -1) }}
        end as combined_regret_ci_low,
        case
            when line_count >= {{ min_n }}
                then {{ regret_wilson_bound('combined_regret_count', 'line_count', z, 1) }}
        end as combined_regret_ci_high,
        surveyed_line_count < {{ min_n }} as is_stated_below_min_sample,
        case
            when surveyed_line_count >= {{ min_n }}
                then cast(stated_regret_count as double) / surveyed_line_count
        end as stated_regret_rate,
        case
            when surveyed_line_count >= {{ min_n }}
                then {{ regret_wilson_bound('stated_regret_count', 'surveyed_line_count', z, -1) }}
        end as stated_regret_ci_low,
        case
            when surveyed_line_count >= {{ min_n }}
                then {{ regret_wilson_bound('stated_regret_count', 'surveyed_line_count', z, 1) }}
        end as stated_regret_ci_high
    from aggregated

)

select * from final
