with touchpoints as (

    select * from {{ ref('int_touchpoints_assigned_to_paths') }}
    where path_id is not null

),

conversions as (

    select * from {{ ref('int_orders_matched_to_ga4') }}
    where is_tracked

),

paths as (

    select
        path_id,
        user_pseudo_id,
        max(conversion_id) as conversion_id,
        min(started_at) as path_started_at,
        max(started_at) as last_touched_at,
        count(*) as touchpoint_count,
        string_agg(channel, ' > ' order by touchpoint_index) as channel_path,
        arg_min(channel, touchpoint_index) as first_touch_channel,
        arg_max(channel, touchpoint_index) as last_touch_channel
    from touchpoints
    group by path_id, user_pseudo_id

),

final as (

    select
        paths.path_id,
        paths.user_pseudo_id,
        paths.conversion_id is not null as is_converting,
        paths.conversion_id,
        conversions.converted_at,
        coalesce(conversions.conversion_value_usd, 0) as conversion_value_usd,
        paths.path_started_at,
        paths.last_touched_at,
        cast(paths.touchpoint_count as integer) as touchpoint_count,
        paths.channel_path,
        paths.first_touch_channel,
        paths.last_touch_channel,
        -- seconds / 86,400: fractional days (dbt's datediff in seconds compiles to one long line)
        {{ dbt.datediff('paths.path_started_at', 'conversions.converted_at', 'second') }} / 86400.0  -- noqa: LT05
            as days_from_first_touch_to_conversion,
        conversions.promo_code_creator_username
    from paths
    left join conversions
        on paths.conversion_id = conversions.conversion_id

)

select * from final
