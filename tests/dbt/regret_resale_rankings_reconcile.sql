-- Resale rankings count every matched listing with a category once, ranks are 1..n without gaps
-- per category, and every category with a ranked cell has exactly one recommendation.
with matched as (

    select count(*) as listing_count
    from {{ ref('fct_purchase_outcomes') }}
    where resale_listing_id is not null and category is not null

),

rankings as (

    select * from {{ ref('resale_platform_rankings') }}

),

per_category as (

    select
        category,
        count(recovery_rank) as ranked_cells,
        max(recovery_rank) as max_rank,
        count(*) filter (where is_recommended) as recommended_cells
    from rankings
    group by category

)

select
    'listings lost or duplicated' as failure,
    category
from per_category
where (select sum(rankings.listing_count) from rankings) != (select matched.listing_count from matched)

union all

select
    'ranks with gaps or several recommendations' as failure,
    category
from per_category
where
    coalesce(max_rank, 0) != ranked_cells
    or recommended_cells != least(ranked_cells, 1)
