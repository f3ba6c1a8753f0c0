-- Every staged TikTok comment is scored exactly once in fct_comment_intent and once in
-- fct_text_sentiment (as a social_comment), and nothing else is scored: fails for every comment
-- scored a number of times other than one, or scored without being staged.
with staged as (

    select comment_id from {{ ref('stg_tiktok__comments') }}

),

intent_counts as (

    select
        comment_id,
        count(*) as times_scored
    from {{ ref('fct_comment_intent') }}
    group by comment_id

),

sentiment_counts as (

    select
        text_id as comment_id,
        count(*) as times_scored
    from {{ ref('fct_text_sentiment') }}
    where source_kind = 'social_comment'
    group by text_id

),

final as (

    select
        coalesce(staged.comment_id, intent_counts.comment_id, sentiment_counts.comment_id)
            as comment_id,
        staged.comment_id is not null as is_staged,
        coalesce(intent_counts.times_scored, 0) as times_intent_scored,
        coalesce(sentiment_counts.times_scored, 0) as times_sentiment_scored
    from staged
    full outer join intent_counts
        on staged.comment_id = intent_counts.comment_id
    full outer join sentiment_counts
        on coalesce(staged.comment_id, intent_counts.comment_id) = sentiment_counts.comment_id

)

select * from final
where
    not is_staged
    or times_intent_scored <> 1
    or times_sentiment_scored <> 1
