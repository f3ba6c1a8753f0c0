with touchpoints as (

    select * from {{ ref('fct_touchpoints') }}
    where path_id is not null

),

paths as (

    select * from {{ ref('fct_conversion_paths') }}

),

steps as (

    -- the first touches of every path (converting or not), numbered from 1
    select
        touchpoints.path_id,
        touchpoints.touchpoint_index as step,
        touchpoints.channel,
        paths.is_converting,
        least(paths.touchpoint_count, {{ var('journey_flow_max_steps') }}) as last_step
    from touchpoints
    inner join paths
        on touchpoints.path_id = paths.path_id
    where touchpoints.touchpoint_index <= {{ var('journey_flow_max_steps') }}

),

channel_to_channel as (

    select
        current_step.is_converting,
        current_step.step as source_step,
        current_step.channel as source_channel,
        next_step.step as target_step,
        next_step.channel as target_channel
    from steps as current_step
    inner join steps as next_step
        on
            current_step.path_id = next_step.path_id
            and next_step.step = current_step.step + 1

),

channel_to_outcome as (

    -- the last shown touch of each path flows into the path's outcome
    select
        is_converting,
        step as source_step,
        channel as source_channel,
        step + 1 as target_step,
        case when is_converting then 'converted' else 'no_conversion' end as target_channel
    from steps
    where step = last_step

),

transitions as (

    select * from channel_to_channel
    union all
    select * from channel_to_outcome

),

final as (

    select
        is_converting,
        source_step,
        source_channel,
        target_step,
        target_channel,
        target_channel in ('converted', 'no_conversion') as is_outcome,
        'touch ' || cast(source_step as varchar) || ': ' || source_channel as source_node,
        case
            when target_channel = 'converted' then 'converted'
            when target_channel = 'no_conversion' then 'no conversion'
            else 'touch ' || cast(target_step as varchar) || ': ' || target_channel
        end as target_node,
        count(*) as path_count
    from transitions
    group by
        is_converting,
        source_step,
        source_channel,
        target_step,
        target_channel

)

select * from final
