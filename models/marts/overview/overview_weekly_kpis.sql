with converting_paths as (

    select * from {{ ref('fct_conversion_paths') }}
    where is_converting

),

untracked_conversions as (

    select * from {{ ref('untracked_conversions') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

purchase_outcomes as (

    select * from {{ ref('fct_purchase_outcomes') }}

),

posts as (

    select * from {{ ref('fct_posts') }}

),

orders as (

    -- every non-cancelled order once: tracked (with a path) and untracked (no GA4 purchase)
    select
        converted_at as ordered_at,
        conversion_value_usd,
        true as is_tracked
    from converting_paths

    union all

    select
        ordered_at,
        conversion_value_usd,
        false as is_tracked
    from untracked_conversions

),

weekly_orders as (

    select
        cast({{ dbt.date_trunc('week', 'ordered_at') }} as date) as week_start,
        count(*) as order_count,
        count(case when is_tracked then 1 end) as tracked_order_count,
        sum(conversion_value_usd) as revenue_usd
    from orders
    group by 1

),

weekly_sessions as (

    select
        cast({{ dbt.date_trunc('week', 'touched_at') }} as date) as week_start,
        count(*) as session_count,
        count(distinct user_pseudo_id) as visitor_count
    from touchpoints
    group by 1

),

weekly_outcomes as (

    select
        cast({{ dbt.date_trunc('week', 'ordered_at') }} as date) as week_start,
        count(*) as order_line_count,
        count(case when outcome = 'returned' then 1 end) as returned_line_count,
        count(case when is_regret_combined then 1 end) as regret_line_count
    from purchase_outcomes
    group by 1

),

weekly_posts as (

    select
        cast({{ dbt.date_trunc('week', 'posted_at') }} as date) as week_start,
        count(*) as post_count,
        count(distinct creator_username) as active_creator_count,
        cast(sum(coalesce(view_count, 0)) as bigint) as view_count
    from posts
    group by 1

),

weeks as (

    select week_start from weekly_orders
    union
    select week_start from weekly_sessions
    union
    select week_start from weekly_outcomes
    union
    select week_start from weekly_posts

),

data_window as (

    -- a week is complete when the data reach its last day (Sunday)
    select max(last_date) as data_end_date
    from (
        select max(cast(ordered_at as date)) as last_date from orders
        union all
        select max(touched_date) as last_date from touchpoints
        union all
        select max(posted_date) as last_date from posts
    ) as last_dates

),

final as (

    select
        weeks.week_start,
        coalesce(weekly_orders.order_count, 0) as order_count,
        coalesce(weekly_orders.tracked_order_count, 0) as tracked_order_count,
        coalesce(weekly_orders.revenue_usd, 0) as revenue_usd,
        case
            when weekly_orders.order_count > 0
                then round(weekly_orders.revenue_usd / weekly_orders.order_count, 2)
        end as average_order_value_usd,
        coalesce(weekly_sessions.session_count, 0) as session_count,
        coalesce(weekly_sessions.visitor_count, 0) as visitor_count,
        case
            when weekly_sessions.session_count > 0
                then
                    coalesce(weekly_orders.tracked_order_count, 0)
                    / weekly_sessions.session_count
        end as tracked_conversion_rate,
        coalesce(weekly_outcomes.order_line_count, 0) as order_line_count,
        coalesce(weekly_outcomes.returned_line_count, 0) as returned_line_count,
        coalesce(weekly_outcomes.regret_line_count, 0) as regret_line_count,
        case
            when weekly_outcomes.order_line_count > 0
                then weekly_outcomes.returned_line_count / weekly_outcomes.order_line_count
        end as return_rate,
        case
            when weekly_outcomes.order_line_count > 0
                then weekly_outcomes.regret_line_count / weekly_outcomes.order_line_count
        end as regret_rate,
        coalesce(weekly_posts.post_count, 0) as post_count,
        coalesce(weekly_posts.active_creator_count, 0) as active_creator_count,
        coalesce(weekly_posts.view_count, 0) as view_count,
        {{ dbt.dateadd('day', 6, 'weeks.week_start') }} <= data_window.data_end_date
            as is_complete_week,
        -- returns and resales arrive weeks after the order: the rates of recent weeks are low
        -- until the behavioural regret window of their last order has passed
        {{ dbt.dateadd('day', 6 + var('regret_behavioural_window_days'), 'weeks.week_start') }}
        <= data_window.data_end_date as is_outcome_window_closed
    from weeks
    cross join data_window
    left join weekly_orders
        on weeks.week_start = weekly_orders.week_start
    left join weekly_sessions
        on weeks.week_start = weekly_sessions.week_start
    left join weekly_outcomes
        on weeks.week_start = weekly_outcomes.week_start
    left join weekly_posts
        on weeks.week_start = weekly_posts.week_start

)

select * from final
