with base_media as (

    select * from {{ ref('base_instagram__media') }}

),

final as (

    select
        source_file,
        media_id,
        reject_reason,
        raw_line
    from base_media
    where reject_reason is not null

)

select * from final
