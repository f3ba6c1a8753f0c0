with base_assignments as (

    select * from {{ ref('base_experiments__assignments') }}

),

final as (

    select
        experiment_id,
        user_pseudo_id,
        variant,
        assigned_at,
        platform
    from base_assignments
    where is_staged

)

select * from final
