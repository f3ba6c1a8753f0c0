-- Every order line of a non-cancelled order has exactly one outcome row (and no other line has
-- one); refunded lines are exactly the returned ones; each matched listing is a staged listing
-- used once. Returns one row per broken check.
with order_lines as (

    select order_lines.order_line_id
    from {{ ref('stg_shopify__order_lines') }} as order_lines
    inner join {{ ref('stg_shopify__orders') }} as orders
        on order_lines.order_id = orders.order_id
    where not orders.is_cancelled

),

outcomes as (

    select * from {{ ref('fct_purchase_outcomes') }}

),

refunded_lines as (

    select distinct refund_lines.order_line_id
    from {{ ref('stg_shopify__refund_lines') }} as refund_lines
    inner join order_lines
        on refund_lines.order_line_id = order_lines.order_line_id

),

line_counts as (

    select
        order_lines.order_line_id,
        count(outcomes.order_line_id) as outcome_rows
    from order_lines
    left join outcomes
        on order_lines.order_line_id = outcomes.order_line_id
    group by order_lines.order_line_id

),

checks as (

    select
        'line without exactly one outcome' as failure,
        count(*) as failing_rows
    from line_counts
    where outcome_rows != 1

    union all

    select
        'outcome of a line outside the non-cancelled order lines' as failure,
        count(*) as failing_rows
    from outcomes
    left join order_lines
        on outcomes.order_line_id = order_lines.order_line_id
    where order_lines.order_line_id is null

    union all

    select
        'refunded lines and returned outcomes from refunds differ' as failure,
        abs(
            (select count(*) from refunded_lines)
            - (
                select count(*) from outcomes
                where outcome_source = 'refund'
            )
        ) as failing_rows

    union all

    select
        'returned from a refund without a refund line' as failure,
        count(*) as failing_rows
    from outcomes
    left join refunded_lines
        on outcomes.order_line_id = refunded_lines.order_line_id
    where outcomes.outcome_source = 'refund' and refunded_lines.order_line_id is null

    union all

    select
        'resold from a listing: counts differ from matched listings' as failure,
        abs(
            (
                select count(*) from outcomes
                where outcome_source = 'resale_listing'
            )
            - (select count(distinct resale_listing_id) from outcomes)
        ) as failing_rows

    union all

    select
        'more matched listings than staged listings' as failure,
        greatest(
            (select count(distinct resale_listing_id) from outcomes)
            - (select count(*) from {{ ref('stg_resale__listings') }}),
            0
        ) as failing_rows

)

select *
from checks
where failing_rows > 0
