-- Every line of a non-cancelled order is priced exactly once, and no refund is lost: the
-- refunded lines and their refund line counts match the refund lines of those orders.
-- Returns a row per mismatching count (none when it holds).
with order_lines as (

    select * from {{ ref('stg_shopify__order_lines') }}

),

orders as (

    select * from {{ ref('stg_shopify__orders') }}

),

refund_lines as (

    select * from {{ ref('stg_shopify__refund_lines') }}

),

priced_lines as (

    select * from {{ ref('int_order_lines_priced') }}

),

expected as (

    select
        count(distinct order_lines.order_line_id) as line_count,
        count(distinct refund_lines.order_line_id) as refunded_line_count
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    left join refund_lines
        on order_lines.order_line_id = refund_lines.order_line_id
    where not orders.is_cancelled

),

actual as (

    select
        count(*) as line_count,
        count(*) filter (where is_refunded) as refunded_line_count
    from priced_lines

)

select
    expected.line_count as expected_line_count,
    actual.line_count as actual_line_count,
    expected.refunded_line_count as expected_refunded_line_count,
    actual.refunded_line_count as actual_refunded_line_count
from expected
cross join actual
where
    expected.line_count != actual.line_count
    or expected.refunded_line_count != actual.refunded_line_count
