-- journey_channel_flows loses and invents no path: per outcome, the flows out of touch 1 and the
-- flows into the outcome node both equal the number of paths in fct_conversion_paths, and every
-- touch node passes on exactly the paths that flowed into it.
with flows as (

    select * from {{ ref('journey_channel_flows') }}

),

paths as (

    select
        is_converting,
        count(*) as path_count
    from {{ ref('fct_conversion_paths') }}
    group by is_converting

),

flow_totals as (

    select
        is_converting,
        sum(case when source_step = 1 then path_count else 0 end) as leaving_first_touch,
        sum(case when is_outcome then path_count else 0 end) as reaching_outcome
    from flows
    group by is_converting

),

path_mismatches as (

    select
        paths.is_converting,
        'path count' as check_name,
        paths.path_count as expected,
        coalesce(flow_totals.leaving_first_touch, 0) as actual
    from paths
    left join flow_totals
        on paths.is_converting = flow_totals.is_converting
    where
        paths.path_count != coalesce(flow_totals.leaving_first_touch, 0)
        or paths.path_count != coalesce(flow_totals.reaching_outcome, 0)

),

inflow as (

    select
        is_converting,
        target_node as node,
        sum(path_count) as path_count
    from flows
    where not is_outcome
    group by is_converting, target_node

),

outflow as (

    select
        is_converting,
        source_node as node,
        sum(path_count) as path_count
    from flows
    where source_step > 1
    group by is_converting, source_node

),

node_mismatches as (

    select
        coalesce(inflow.is_converting, outflow.is_converting) as is_converting,
        'node ' || coalesce(inflow.node, outflow.node) as check_name,
        coalesce(inflow.path_count, 0) as expected,
        coalesce(outflow.path_count, 0) as actual
    from inflow
    full outer join outflow
        on
            inflow.is_converting = outflow.is_converting
            and inflow.node = outflow.node
    where coalesce(inflow.path_count, 0) != coalesce(outflow.path_count, 0)

)

select * from path_mismatches
union all
select * from node_mismatches
