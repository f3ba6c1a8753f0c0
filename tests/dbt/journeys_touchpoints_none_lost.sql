-- Every GA4 session (user_pseudo_id + ga_session_id) of staging is one touchpoint, and every
-- touchpoint is on a path or explicitly outside all (null path_id): none is lost.
with sessions as (

    select count(distinct user_pseudo_id || '-' || cast(ga_session_id as varchar)) as session_count
    from {{ ref('stg_ga4__events') }}

),

touchpoints as (

    select
        count(*) as touchpoint_count,
        count(*) filter (where path_id is not null) as in_path_count,
        count(*) filter (where path_id is null) as outside_path_count
    from {{ ref('fct_touchpoints') }}

),

path_touchpoints as (

    select sum(touchpoint_count) as path_touchpoint_count
    from {{ ref('fct_conversion_paths') }}

)

select
    sessions.session_count,
    touchpoints.touchpoint_count,
    touchpoints.in_path_count,
    touchpoints.outside_path_count,
    path_touchpoints.path_touchpoint_count
from sessions
cross join touchpoints
cross join path_touchpoints
where
    sessions.session_count != touchpoints.touchpoint_count
    or touchpoints.in_path_count + touchpoints.outside_path_count != touchpoints.touchpoint_count
    or touchpoints.in_path_count != path_touchpoints.path_touchpoint_count
