-- Ranks of each brand's recommendations run 1..n without gaps, n is at most the top-N var, and a
-- better rank never has a lower score.
with recommendations as (

    select * from {{ ref('brand_creator_recommendations') }}

),

per_brand as (

    select
        brand_name,
        count(*) as creator_count,
        min(recommendation_rank) as first_rank,
        max(recommendation_rank) as last_rank
    from recommendations
    group by brand_name

),

bad_ranges as (

    select brand_name
    from per_brand
    where
        first_rank != 1
        or last_rank != creator_count
        or creator_count > {{ var('creators_recommendations_top_n') }}

),

bad_orders as (

    select better.brand_name
    from recommendations as better
    inner join recommendations as worse
        on
            better.brand_name = worse.brand_name
            and better.recommendation_rank < worse.recommendation_rank
            and better.expected_return_score_0_100 < worse.expected_return_score_0_100

)

select brand_name from bad_ranges
union all
select brand_name from bad_orders
