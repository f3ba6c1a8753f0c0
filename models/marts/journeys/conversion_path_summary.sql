with conversion_paths as (

    select * from {{ ref('fct_conversion_paths') }}

),

final as (

    select
        -- `path`: the attribution tools' column name
        channel_path as path,  -- noqa: RF04
        count(*) filter (where is_converting) as total_conversions,
        sum(conversion_value_usd) as total_conversion_value,
        count(*) filter (where not is_converting) as total_null,
        max(touchpoint_count) as path_length
    from conversion_paths
    group by channel_path

)

select * from final
