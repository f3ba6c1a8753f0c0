with base_assignments as (

    select * from {{ ref('base_experiments__assignments') }}

),

final as (

    select
        source_file,
        experiment_id,
        user_pseudo_id,
        reject_reason,
        raw_line
    from base_assignments
    where reject_reason is not null

)

select * from final
