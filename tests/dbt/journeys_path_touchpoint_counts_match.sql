-- Every path's touchpoint_count equals its touchpoints in fct_touchpoints, which are numbered
-- 1..n without gaps, and its channel path has one channel per touchpoint.
with conversion_paths as (

    select * from {{ ref('fct_conversion_paths') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}

),

path_touchpoints as (

    select
        path_id,
        count(*) as touchpoint_count,
        min(touchpoint_index) as min_index,
        max(touchpoint_index) as max_index,
        count(distinct touchpoint_index) as distinct_indexes
    from touchpoints
    where path_id is not null
    group by path_id

)

select
    conversion_paths.path_id,
    conversion_paths.touchpoint_count,
    path_touchpoints.touchpoint_count as touchpoints_found,
    path_touchpoints.min_index,
    path_touchpoints.max_index
from conversion_paths
left join path_touchpoints
    on conversion_paths.path_id = path_touchpoints.path_id
where
    path_touchpoints.path_id is null
    or conversion_paths.touchpoint_count != path_touchpoints.touchpoint_count
    or path_touchpoints.min_index != 1
    or path_touchpoints.max_index != path_touchpoints.touchpoint_count
    or path_touchpoints.distinct_indexes != path_touchpoints.touchpoint_count
    or len(string_split(conversion_paths.channel_path, ' > ')) != conversion_paths.touchpoint_count
