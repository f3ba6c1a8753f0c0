-- score_0_100 is a weighted mean of the components that are not null, so it lies between the
-- smallest and the largest of them (a check that missing components' weights are redistributed
-- rather than counted as zeros).
with creator_scorecard as (

    select * from {{ ref('creator_scorecard') }}

),

bounds as (

    select
        creator_username,
        score_0_100,
        least(
            engagement_quality_0_100, audience_authenticity_0_100, conversion_rate_0_100,
            cost_efficiency_0_100, brand_alignment_0_100, buying_intent_0_100
        ) as lowest_component,
        greatest(
            engagement_quality_0_100, audience_authenticity_0_100, conversion_rate_0_100,
            cost_efficiency_0_100, brand_alignment_0_100, buying_intent_0_100
        ) as highest_component
    from creator_scorecard

),

final as (

    select *
    from bounds
    where
        score_0_100 < lowest_component - 0.000001
        or score_0_100 > highest_component + 0.000001

)

select * from final
