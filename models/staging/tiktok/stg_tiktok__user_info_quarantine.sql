with base_user_info as (

    select * from {{ ref('base_tiktok__user_info') }}

),

final as (

    select
        source_file,
        username,
        reject_reason,
        raw_line
    from base_user_info
    where reject_reason is not null

)

select * from final
