with base_reviews as (

    select * from {{ ref('base_reviews__reviews') }}

),

final as (

    select
        source_file,
        review_id,
        reject_reason,
        raw_line
    from base_reviews
    where reject_reason is not null

)

select * from final
