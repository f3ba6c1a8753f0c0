-- A post-purchase survey is about its order's most valuable line (the generator's and Fairing's
-- practice): the line of the highest value, ties to the first line. The one place that rule is
-- written: regret (fct_purchase_outcomes) and experiments (experiment_results) read it.
with survey_responses as (

    select * from {{ ref('stg_surveys__responses') }}

),

order_lines as (

    select * from {{ ref('int_order_lines_priced') }}

),

most_valuable_lines as (

    -- the lines of an order share its currency: the order of their US-dollar values is that of
    -- their values as charged
    select
        order_id,
        order_line_id,
        ordered_at
    from order_lines
    qualify row_number() over (
        partition by order_id order by line_revenue_usd desc, line_position asc
    ) = 1

),

final as (

    select
        survey_responses.response_id,
        survey_responses.order_id,
        most_valuable_lines.order_line_id,
        most_valuable_lines.ordered_at,
        survey_responses.submitted_at,
        survey_responses.kept_status,
        survey_responses.regret_score_1_5,
        survey_responses.age_band,
        survey_responses.gender,
        row_number() over (
            partition by survey_responses.order_id
            order by survey_responses.submitted_at desc, survey_responses.response_id asc
        ) as response_recency_rank
    from survey_responses
    inner join most_valuable_lines
        on survey_responses.order_id = most_valuable_lines.order_id

)

select * from final
