with trend_order_lines as (

    select * from {{ ref('int_trend_order_lines') }}

),

lifecycle as (

    select * from {{ ref('trend_lifecycle') }}

),

-- Stage of the hashtag's estimated lifecycle on the day of the purchase.
staged_lines as (

    select
        trend_order_lines.hashtag,
        trend_order_lines.order_id,
        trend_order_lines.order_line_id,
        trend_order_lines.quantity,
        trend_order_lines.line_revenue_usd,
        trend_order_lines.is_refunded,
        case
            when lifecycle.is_evergreen then 'evergreen'
            when trend_order_lines.ordered_date < lifecycle.emergence_date then 'pre_trend'
            when trend_order_lines.ordered_date < lifecycle.peak_date then 'emerging'
            when
                lifecycle.decline_date is null
                or trend_order_lines.ordered_date < lifecycle.decline_date
                then 'peaking'
            when
                lifecycle.fade_date is null
                or trend_order_lines.ordered_date < lifecycle.fade_date
                then 'declining'
            else 'faded'
        end as stage_at_purchase
    from trend_order_lines
    inner join lifecycle
        on trend_order_lines.hashtag = lifecycle.hashtag

),

aggregated as (

    select
        hashtag,
        stage_at_purchase,
        count(distinct order_id) as order_count,
        count(*) as order_line_count,
        cast(sum(quantity) as bigint) as units_sold,
        sum(line_revenue_usd) as revenue_usd,
        count(*) filter (where is_refunded) as refunded_line_count
    from staged_lines
    group by hashtag, stage_at_purchase

),

final as (

    select
        hashtag,
        stage_at_purchase,
        order_count,
        order_line_count,
        units_sold,
        cast(revenue_usd as decimal(18, 2)) as revenue_usd,
        refunded_line_count,
        cast(refunded_line_count as double) / order_line_count as return_rate,
        cast(revenue_usd / sum(revenue_usd) over (partition by hashtag) as double) as revenue_share_of_hashtag
    from aggregated

)

select * from final
