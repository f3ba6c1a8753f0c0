with base_submissions as (

    select * from {{ ref('base_reddit__submissions') }}

),

final as (

    select
        source_file,
        submission_id,
        reject_reason,
        raw_line
    from base_submissions
    where reject_reason is not null

)

select * from final
