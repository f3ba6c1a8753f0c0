with base_comments as (

    select * from {{ ref('base_reddit__comments') }}

),

final as (

    select
        source_file,
        comment_id,
        reject_reason,
        raw_line
    from base_comments
    where reject_reason is not null

)

select * from final
