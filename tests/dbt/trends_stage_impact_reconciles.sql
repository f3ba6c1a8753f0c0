-- Every order line of a product riding a hashtag lands in exactly one stage of that hashtag,
-- and return rates are fractions.
with lines as (

    select
        hashtag,
        count(*) as order_line_count
    from {{ ref('int_trend_order_lines') }}
    group by hashtag

),

impact as (

    select
        hashtag,
        sum(order_line_count) as order_line_count,
        min(return_rate) as min_return_rate,
        max(return_rate) as max_return_rate
    from {{ ref('trend_stage_impact') }}
    group by hashtag

)

select
    coalesce(lines.hashtag, impact.hashtag) as hashtag,
    lines.order_line_count as lines_in,
    impact.order_line_count as lines_out
from lines
full outer join impact
    on lines.hashtag = impact.hashtag
where
    lines.order_line_count is distinct from impact.order_line_count
    or impact.min_return_rate < 0
    or impact.max_return_rate > 1
