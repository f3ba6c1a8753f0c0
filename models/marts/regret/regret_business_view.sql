{%- set post_peak_stages = "('declining', 'faded')" -%}

with purchase_outcomes as (

    select * from {{ ref('fct_purchase_outcomes') }}

),

product_taxonomy as (

    select * from {{ ref('product_taxonomy') }}

),

-- Per category: returns, regret and the share of its sales (USD paid) bought after the peak of
-- the trend the product rides (declining or faded): stock bought for a trend that is over.
by_category as (

    select
        'category' as view_level,
        coalesce(category, 'unknown') as category,
        'all' as trend_hashtag,
        'all' as trend_stage_at_purchase,
        count(*) as line_count,
        sum(paid_usd) as paid_usd,
        count(*) filter (where outcome = 'returned') as returned_line_count,
        count(*) filter (where is_regret_behavioural) as regret_line_count,
        sum(paid_usd) filter (where trend_stage_at_purchase in {{ post_peak_stages }}) as post_peak_paid_usd
    from purchase_outcomes
    group by coalesce(category, 'unknown')

),

-- Per trend (hashtag) x stage at purchase; the post-peak share is the hashtag's, on every stage.
by_trend_stage as (

    select
        'trend_stage' as view_level,
        'all' as category,
        trend_hashtag,
        trend_stage_at_purchase,
        count(*) as line_count,
        sum(paid_usd) as paid_usd,
        count(*) filter (where outcome = 'returned') as returned_line_count,
        count(*) filter (where is_regret_behavioural) as regret_line_count,
        sum(sum(paid_usd) filter (where trend_stage_at_purchase in {{ post_peak_stages }}))
            over (partition by trend_hashtag) as post_peak_paid_usd
    from purchase_outcomes
    where trend_hashtag is not null
    group by trend_hashtag, trend_stage_at_purchase

),

unioned as (

    select * from by_category
    union all
    select * from by_trend_stage

),

rated as (

    select
        unioned.*,
        cast(unioned.returned_line_count as double) / unioned.line_count as return_rate,
        cast(unioned.regret_line_count as double) / unioned.line_count as regret_rate,
        cast(
            coalesce(unioned.post_peak_paid_usd, 0)
            / nullif(
                case
                    when unioned.view_level = 'category' then unioned.paid_usd
                    else sum(unioned.paid_usd) over (partition by unioned.view_level, unioned.trend_hashtag)
                end,
                0
            ) as double
        ) as post_peak_sales_share,
        unioned.line_count < {{ var('regret_min_sample_size') }} as is_below_min_sample
    from unioned

),

final as (

    select
        rated.view_level,
        rated.category,
        rated.trend_hashtag,
        rated.trend_stage_at_purchase,
        rated.line_count,
        cast(rated.paid_usd as decimal(18, 2)) as paid_usd,
        rated.returned_line_count,
        rated.regret_line_count,
        rated.return_rate,
        rated.regret_rate,
        coalesce(rated.post_peak_sales_share, 0) as post_peak_sales_share,
        rated.is_below_min_sample,
        case
            when rated.view_level = 'category'
                then
                    coalesce(product_taxonomy.category_label, rated.category) || ': '
                    || cast(round(100 * rated.return_rate) as integer) || ' % of '
                    || rated.line_count || ' lines returned, '
                    || cast(round(100 * rated.regret_rate) as integer)
                    || ' % regretted (returned or resold within {{ var("regret_behavioural_window_days") }} days); '
                    || cast(round(100 * coalesce(rated.post_peak_sales_share, 0)) as integer)
                    || ' % of sales came after the trend''s peak'
                    || case
                        when
                            coalesce(rated.post_peak_sales_share, 0)
                            >= {{ var('regret_overstock_post_peak_share') }}
                            then ' (overstock risk).'
                        else '.'
                    end
            else
                '#' || rated.trend_hashtag || ' bought while ' || rated.trend_stage_at_purchase || ': '
                || rated.line_count || ' lines, '
                || cast(round(100 * rated.return_rate) as integer) || ' % returned, '
                || cast(round(100 * rated.regret_rate) as integer) || ' % regretted.'
        end
        || case when rated.is_below_min_sample then ' Small sample: read with care.' else '' end
            as summary_sentence
    from rated
    left join product_taxonomy
        on rated.category = product_taxonomy.category

)

select * from final
