with purchase_outcomes as (

    select * from {{ ref('fct_purchase_outcomes') }}

),

regret_scores as (

    select * from {{ ref('regret_scores') }}

),

scored_lines as (

    select
        purchase_outcomes.product_id,
        purchase_outcomes.category,
        purchase_outcomes.trend_hashtag,
        purchase_outcomes.is_regret_behavioural,
        regret_scores.regret_probability,
        -- bought once the product's trend had peaked (declining or faded) vs before it
        case
            when purchase_outcomes.trend_stage_at_purchase in ('declining', 'faded') then 'after_peak'
            when
                purchase_outcomes.trend_stage_at_purchase in ('pre_trend', 'emerging', 'peaking')
                then 'before_peak'
        end as trend_timing
    from purchase_outcomes
    left join regret_scores
        on purchase_outcomes.order_line_id = regret_scores.order_line_id

),

per_product as (

    select
        product_id,
        min(category) as category,
        min(trend_hashtag) as trend_hashtag,
        count(*) as lines_bought,
        count(case when is_regret_behavioural then 1 end) as lines_regretted,
        avg(regret_probability) as mean_predicted_regret_probability,
        avg(case when trend_timing = 'after_peak' then regret_probability end)
            as predicted_regret_after_peak,
        avg(case when trend_timing = 'before_peak' then regret_probability end)
            as predicted_regret_before_peak,
        count(case when trend_timing = 'after_peak' then 1 end) as lines_after_peak,
        count(case when trend_timing = 'before_peak' then 1 end) as lines_before_peak
    from scored_lines
    group by product_id

),

rated as (

    select
        *,
        cast(lines_regretted as double) / lines_bought as regret_rate,
        {{ regret_wilson_bound('lines_regretted', 'lines_bought', var('regret_ci_z'), -1) }}
            as regret_rate_ci_low,
        {{ regret_wilson_bound('lines_regretted', 'lines_bought', var('regret_ci_z'), 1) }}
            as regret_rate_ci_high,
        lines_bought >= {{ var('regret_min_sample_size') }} as has_min_sample,
        trend_hashtag is not null as is_trending_product
    from per_product

),

worded as (

    select
        *,
        case
            when not has_min_sample
                then
                    'Too few purchases (' || lines_bought
                    || ') to say how often buyers regret this product.'
            else
                cast(round(regret_rate * 10) as integer) || ' in 10 buyers returned or resold this within '
                || {{ var('regret_behavioural_window_days') }} || ' days'
                || case
                    when lines_after_peak = 0 or lines_before_peak = 0 or not is_trending_product
                        then '.'
                    when predicted_regret_after_peak > predicted_regret_before_peak
                        then
                            '; the risk is highest when bought after the trend peaked ('
                            || cast(round(100 * predicted_regret_after_peak) as integer)
                            || ' % predicted vs '
                            || cast(round(100 * predicted_regret_before_peak) as integer)
                            || ' % before).'
                    else
                        '; the risk is highest when bought before the trend peaked ('
                        || cast(round(100 * predicted_regret_before_peak) as integer)
                        || ' % predicted vs '
                        || cast(round(100 * predicted_regret_after_peak) as integer)
                        || ' % after).'
                end
        end as consumer_summary
    from rated

),

final as (

    select
        product_id,
        category,
        trend_hashtag,
        is_trending_product,
        lines_bought,
        lines_regretted,
        regret_rate,
        regret_rate_ci_low,
        regret_rate_ci_high,
        has_min_sample,
        mean_predicted_regret_probability,
        lines_before_peak,
        lines_after_peak,
        predicted_regret_before_peak,
        predicted_regret_after_peak,
        consumer_summary,
        rank() over (
            order by mean_predicted_regret_probability desc nulls last
        ) as regret_risk_rank
    from worded

)

select * from final
