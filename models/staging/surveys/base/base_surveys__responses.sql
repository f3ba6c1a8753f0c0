{%- set record_schema = {
    'response_id': 'varchar',
    'order_id': 'varchar',
    'submitted_at': 'varchar',
    'respondent': {'email': 'varchar'},
    'answers': [{'question_id': 'varchar', 'value': 'varchar'}],
} -%}
{%- set questions = ['influence', 'satisfaction', 'regret', 'kept_status', 'age_band', 'gender', 'comment'] -%}

with source_lines as (

    select * from {{ source('surveys', 'responses') }}

),

parsed as (

    select
        filename as source_file,
        raw_line,
        {{ parse_json_object('raw_line', record_schema) }} as record
    from source_lines

),

fields as (

    select
        source_file,
        raw_line,
        record,
        nullif(trim(record['response_id']), '') as response_id,
        nullif(trim(record['order_id']), '') as order_id,
        record['submitted_at'] as submitted_at_raw,
        record['respondent']['email'] as respondent_email,
        {%- for question in questions %}
            {{ list_first_match("record['answers']", 'answer', "answer['question_id'] = '" ~ question ~ "'") }}
                as {{ question }}_answer,
        {%- endfor %}
        record['answers'] as answers
    from parsed

),

answers_pivoted as (

    select
        *,
        {%- for question in questions %}
            nullif(trim({{ question }}_answer['value']), '') as {{ question }}_raw,
        {%- endfor %}
        {{ iso_to_utc_timestamp('submitted_at_raw') }} as submitted_at
    from fields

),

typed as (

    select
        *,
        {{ safe_cast_integer('satisfaction_raw') }} as satisfaction_score_1_5,
        {{ safe_cast_integer('regret_raw') }} as regret_score_1_5
    from answers_pivoted

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when response_id is null then 'missing_key:response_id'
            when order_id is null then 'missing_field:order_id'
            when submitted_at_raw is null then 'missing_field:submitted_at'
            when submitted_at is null then 'invalid_type:submitted_at'
            when satisfaction_raw is not null and satisfaction_score_1_5 is null
                then 'invalid_type:answers.satisfaction'
            when regret_raw is not null and regret_score_1_5 is null then 'invalid_type:answers.regret'
            when satisfaction_score_1_5 not between 1 and 5 then 'impossible_value:answers.satisfaction'
            when regret_score_1_5 not between 1 and 5 then 'impossible_value:answers.regret'
            when {{ is_impossible_timestamp('submitted_at', build_started_at()) }}
                then 'impossible_timestamp:submitted_at'
            when
                lower(influence_raw) not in (
                    'creator_video', 'friend', 'search', 'ad', 'email', 'store_browse', 'other'
                )
                then 'invalid_value:answers.influence'
            when lower(kept_status_raw) not in ('kept', 'returned', 'resold', 'gave_away', 'discarded')
                then 'invalid_value:answers.kept_status'
            when age_band_raw not in ('18-24', '25-34', '35-44', '45-54', '55+')
                then 'invalid_value:answers.age_band'
            when lower(gender_raw) not in ('female', 'male', 'nonbinary', 'prefer_not')
                then 'invalid_value:answers.gender'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        response_id,
        order_id,
        {{ hash_pii('respondent_email') }} as respondent_email_hash,
        submitted_at,
        lower(influence_raw) as influence,
        satisfaction_score_1_5,
        regret_score_1_5,
        lower(kept_status_raw) as kept_status,
        age_band_raw as age_band,
        lower(gender_raw) as gender,
        comment_raw as comment_text,
        coalesce(len(answers), 0) as answer_count,
        reject_reason,
        md5(raw_line) as line_hash,
        case when reject_reason is not null then raw_line end as raw_line
    from checked

),

ranked as (

    select
        *,
        case
            when reject_reason is null
                then row_number() over (
                    partition by reject_reason is null, response_id
                    order by submitted_at desc, line_hash desc
                )
        end as pull_rank
    from trimmed

),

final as (

    select
        *,
        coalesce(pull_rank = 1, false) as is_staged
    from ranked

)

select * from final
