with base_videos as (

    select * from {{ ref('base_tiktok__videos') }}

),

final as (

    select
        source_file,
        video_id,
        reject_reason,
        raw_line
    from base_videos
    where reject_reason is not null

)

select * from final
