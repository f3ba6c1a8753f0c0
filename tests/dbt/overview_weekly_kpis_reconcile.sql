-- overview_weekly_kpis counts every order, session, order line and post exactly once: its
-- totals over all weeks equal the totals of the marts it summarises.
with kpis as (

    select
        sum(order_count) as order_count,
        sum(revenue_usd) as revenue_usd,
        sum(session_count) as session_count,
        sum(order_line_count) as order_line_count,
        sum(post_count) as post_count
    from {{ ref('overview_weekly_kpis') }}

),

expected as (

    select
        (select count(*) from {{ ref('fct_conversion_paths') }} where is_converting)
        + (select count(*) from {{ ref('untracked_conversions') }}) as order_count,
        coalesce(
            (
                select sum(conversion_value_usd) from {{ ref('fct_conversion_paths') }}
                where is_converting
            ),
            0
        )
        + coalesce((select sum(conversion_value_usd) from {{ ref('untracked_conversions') }}), 0)
            as revenue_usd,
        (select count(*) from {{ ref('fct_touchpoints') }}) as session_count,
        (select count(*) from {{ ref('fct_purchase_outcomes') }}) as order_line_count,
        (select count(*) from {{ ref('fct_posts') }}) as post_count

)

select
    kpis.*,
    expected.order_count as expected_order_count,
    expected.revenue_usd as expected_revenue_usd,
    expected.session_count as expected_session_count,
    expected.order_line_count as expected_order_line_count,
    expected.post_count as expected_post_count
from kpis
cross join expected
where
    kpis.order_count != expected.order_count
    or abs(kpis.revenue_usd - expected.revenue_usd) > 0.01
    or kpis.session_count != expected.session_count
    or kpis.order_line_count != expected.order_line_count
    or kpis.post_count != expected.post_count
