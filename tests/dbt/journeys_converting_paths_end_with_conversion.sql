-- Every converting path ends with its converting touchpoint (same conversion), no other
-- touchpoint of a path converts, and a non-converting path has no converting touchpoint.
with conversion_paths as (

    select * from {{ ref('fct_conversion_paths') }}

),

touchpoints as (

    select * from {{ ref('fct_touchpoints') }}
    where path_id is not null

),

path_ends as (

    select
        path_id,
        arg_max(conversion_id, touchpoint_index) as last_conversion_id,
        arg_max(is_converting_touchpoint, touchpoint_index) as last_is_converting,
        count(*) filter (where is_converting_touchpoint) as converting_touchpoints
    from touchpoints
    group by path_id

)

select
    conversion_paths.path_id,
    conversion_paths.is_converting,
    conversion_paths.conversion_id,
    path_ends.last_conversion_id,
    path_ends.converting_touchpoints
from conversion_paths
inner join path_ends
    on conversion_paths.path_id = path_ends.path_id
where
    (
        conversion_paths.is_converting
        and (
            not path_ends.last_is_converting
            or path_ends.last_conversion_id != conversion_paths.conversion_id
            or path_ends.converting_touchpoints != 1
        )
    )
    or (not conversion_paths.is_converting and path_ends.converting_touchpoints != 0)
