with base_responses as (

    select * from {{ ref('base_surveys__responses') }}

),

final as (

    select
        response_id,
        order_id,
        respondent_email_hash,
        submitted_at,
        influence,
        satisfaction_score_1_5,
        regret_score_1_5,
        kept_status,
        age_band,
        gender,
        comment_text,
        answer_count
    from base_responses
    where is_staged

)

select * from final
