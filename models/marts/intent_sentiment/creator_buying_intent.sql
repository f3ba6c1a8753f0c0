with comment_intent as (

    select * from {{ ref('fct_comment_intent') }}

),

posts as (

    select * from {{ ref('fct_posts') }}

),

creator_comments as (

    select
        creator_username,
        count(*) as comments_scored,
        count(*) filter (where intent_level >= 2) as high_intent_comment_count,
        count(*) filter (where intent_level = 3) as purchase_intent_comment_count,
        avg(intent_probability) as mean_intent_probability
    from comment_intent
    where creator_username is not null
    group by creator_username

),

creator_views as (

    -- views of the creator's TikTok posts (the comments scored are TikTok comments) and the
    -- engagement rate over all the creator's posts with views (as in creator_scorecard)
    select
        creator_username,
        cast(sum(view_count) filter (where platform = 'tiktok') as bigint) as tiktok_view_count,
        sum(engagement_count) / nullif(sum(view_count), 0) as engagement_rate_by_views
    from posts
    where view_count is not null
    group by creator_username

),

joined as (

    select
        creator_comments.creator_username,
        creator_comments.comments_scored,
        creator_comments.high_intent_comment_count,
        creator_comments.purchase_intent_comment_count,
        creator_comments.high_intent_comment_count / creator_comments.comments_scored
            as high_intent_comment_share,
        creator_comments.purchase_intent_comment_count / creator_comments.comments_scored
            as purchase_intent_comment_share,
        creator_comments.mean_intent_probability,
        creator_views.tiktok_view_count,
        1000.0 * creator_comments.high_intent_comment_count
        / nullif(creator_views.tiktok_view_count, 0) as high_intent_comments_per_1000_views,
        creator_views.engagement_rate_by_views,
        creator_comments.comments_scored
        >= {{ var('intent_sentiment_min_comments_per_creator') }} as is_ranked
    from creator_comments
    left join creator_views
        on creator_comments.creator_username = creator_views.creator_username

),

percentiles as (

    -- percentiles among the ranked creators only (enough comments); null for the others
    select
        *,
        case
            when is_ranked
                then 100 * percent_rank() over (
                    partition by is_ranked
                    order by high_intent_comment_share, mean_intent_probability
                )
        end as intent_percentile_0_100,
        case
            when is_ranked and engagement_rate_by_views is not null
                then 100 * percent_rank() over (
                    partition by is_ranked and engagement_rate_by_views is not null
                    order by engagement_rate_by_views
                )
        end as engagement_percentile_0_100,
        case
            when is_ranked
                then row_number() over (
                    partition by is_ranked
                    order by high_intent_comment_share desc, mean_intent_probability desc, creator_username asc
                )
        end as intent_rank
    from joined

),

final as (

    select
        *,
        coalesce(
            intent_percentile_0_100 >= {{ var('intent_sentiment_high_intent_min_percentile') }}
            and engagement_percentile_0_100 <= {{ var('intent_sentiment_modest_engagement_max_percentile') }},
            false
        ) as is_high_intent_modest_engagement
    from percentiles

)

select
    creator_username,
    comments_scored,
    high_intent_comment_count,
    purchase_intent_comment_count,
    high_intent_comment_share,
    purchase_intent_comment_share,
    mean_intent_probability,
    tiktok_view_count,
    high_intent_comments_per_1000_views,
    engagement_rate_by_views,
    is_ranked,
    intent_percentile_0_100,
    engagement_percentile_0_100,
    intent_rank,
    is_high_intent_modest_engagement
from final
