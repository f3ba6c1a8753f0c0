with touchpoints as (

    select * from {{ ref('int_touchpoints_channel_grouped') }}

),

conversions as (

    select * from {{ ref('int_orders_matched_to_ga4') }}
    where is_tracked

),

session_conversions as (

    -- one conversion per converting session (the first order, should a session hold two)
    select
        touchpoint_id,
        conversion_id,
        converted_at,
        row_number() over (partition by touchpoint_id order by converted_at asc, conversion_id asc) as conversion_rank
    from conversions

),

touchpoints_flagged as (

    select
        touchpoints.*,
        session_conversions.conversion_id,
        session_conversions.converted_at,
        session_conversions.conversion_id is not null as is_converting_touchpoint
    from touchpoints
    left join session_conversions
        on
            touchpoints.touchpoint_id = session_conversions.touchpoint_id
            and session_conversions.conversion_rank = 1

),

touchpoints_segmented as (

    -- segment n of a visitor: the sessions after the visitor's n-th conversion, up to and
    -- including the next converting session (the last segment may have no conversion)
    select
        *,
        coalesce(
            sum(case when is_converting_touchpoint then 1 else 0 end) over (
                partition by user_pseudo_id
                order by started_at asc, ga_session_id asc, touchpoint_id asc
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as path_number
    from touchpoints_flagged

),

segment_anchors as (

    -- a converting segment looks back from its conversion, a trailing one from its last session
    select
        user_pseudo_id,
        path_number,
        max(conversion_id) as conversion_id,
        coalesce(max(converted_at), max(started_at)) as anchor_at
    from touchpoints_segmented
    group by user_pseudo_id, path_number

),

touchpoints_in_window as (

    select
        touchpoints_segmented.*,
        segment_anchors.conversion_id as path_conversion_id,
        touchpoints_segmented.started_at
        >= {{ dbt.dateadd('day', -var('journeys_lookback_days'), 'segment_anchors.anchor_at') }} as is_in_path
    from touchpoints_segmented
    inner join segment_anchors
        on
            touchpoints_segmented.user_pseudo_id = segment_anchors.user_pseudo_id
            and touchpoints_segmented.path_number = segment_anchors.path_number

),

final as (

    select
        touchpoint_id,
        user_pseudo_id,
        ga_session_id,
        started_at,
        source,
        medium,
        campaign,
        content,
        term,
        channel_group,
        channel,
        creator_username,
        landing_page_path,
        device_category,
        geo_country,
        case
            when is_in_path then user_pseudo_id || '-p' || cast(path_number + 1 as varchar)
        end as path_id,
        case
            when is_in_path
                then row_number() over (
                    partition by user_pseudo_id, path_number, is_in_path
                    order by started_at asc, ga_session_id asc, touchpoint_id asc
                )
        end as touchpoint_index,
        is_in_path and path_conversion_id is not null as is_path_converting,
        is_converting_touchpoint,
        conversion_id
    from touchpoints_in_window

)

select * from final
