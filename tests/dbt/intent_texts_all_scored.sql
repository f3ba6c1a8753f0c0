-- Every staged review, tweet, Reddit submission and Reddit comment has exactly one row in
-- fct_text_sentiment, and fct_text_sentiment has no text that is not staged.
with staged as (

    select
        review_id as text_id,
        'review' as source_kind
    from {{ ref('stg_reviews__reviews') }}
    union all
    select
        tweet_id as text_id,
        'tweet' as source_kind
    from {{ ref('stg_x__tweets') }}
    union all
    select
        submission_id as text_id,
        'reddit_submission' as source_kind
    from {{ ref('stg_reddit__submissions') }}
    union all
    select
        comment_id as text_id,
        'reddit_comment' as source_kind
    from {{ ref('stg_reddit__comments') }}

),

scored as (

    select
        text_id,
        source_kind,
        count(*) as times_scored
    from {{ ref('fct_text_sentiment') }}
    where source_kind <> 'social_comment'
    group by text_id, source_kind

),

final as (

    select
        coalesce(staged.text_id, scored.text_id) as text_id,
        coalesce(staged.source_kind, scored.source_kind) as source_kind,
        staged.text_id is not null as is_staged,
        coalesce(scored.times_scored, 0) as times_scored
    from staged
    full outer join scored
        on
            staged.text_id = scored.text_id
            and staged.source_kind = scored.source_kind

)

select * from final
where not is_staged or times_scored <> 1
