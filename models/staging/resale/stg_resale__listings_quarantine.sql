with base_listings as (

    select * from {{ ref('base_resale__listings') }}

),

final as (

    select
        source_file,
        listing_id,
        reject_reason,
        raw_line
    from base_listings
    where reject_reason is not null

)

select * from final
