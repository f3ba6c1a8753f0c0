with touchpoints as (

    select * from {{ ref('int_touchpoints_assigned_to_paths') }}

),

final as (

    select
        touchpoint_id,
        user_pseudo_id,
        ga_session_id,
        started_at as touched_at,
        cast(started_at as date) as touched_date,
        source,
        medium,
        campaign,
        content,
        channel_group,
        channel,
        creator_username,
        landing_page_path,
        device_category,
        geo_country,
        path_id,
        cast(touchpoint_index as integer) as touchpoint_index,
        is_converting_touchpoint,
        conversion_id
    from touchpoints

)

select * from final
