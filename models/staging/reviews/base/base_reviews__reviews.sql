{%- set record_schema = {
    'id': 'varchar',
    'product_id': 'varchar',
    'rating': 'varchar',
    'title': 'varchar',
    'body': 'varchar',
    'reviewer': {'name': 'varchar', 'email': 'varchar'},
    'created_at': 'varchar',
    'verified_buyer': 'varchar',
    'order_id': 'varchar',
    'source': 'varchar',
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('reviews', 'reviews') }}

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
        nullif(trim(record['id']), '') as review_id,
        nullif(trim(record['product_id']), '') as product_id,
        nullif(trim(record['order_id']), '') as order_id,
        record['rating'] as rating_raw,
        record['title'] as review_title,
        record['body'] as review_text,
        record['reviewer']['name'] as reviewer_name,
        record['reviewer']['email'] as reviewer_email,
        record['created_at'] as created_at_raw,
        record['verified_buyer'] as verified_buyer_raw,
        lower(record['source']) as review_source,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        *,
        {{ safe_cast_integer('rating_raw') }} as rating,
        {{ iso_to_utc_timestamp('created_at_raw') }} as reviewed_at,
        {{ safe_cast_boolean('verified_buyer_raw') }} as is_verified_buyer,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when review_id is null then 'missing_key:id'
            when product_id is null then 'missing_field:product_id'
            when rating_raw is null then 'missing_field:rating'
            when review_text is null then 'missing_field:body'
            when created_at_raw is null then 'missing_field:created_at'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when rating is null then 'invalid_type:rating'
            when reviewed_at is null then 'invalid_type:created_at'
            when verified_buyer_raw is not null and is_verified_buyer is null then 'invalid_type:verified_buyer'
            when pulled_at is null then 'invalid_type:pulled_at'
            when rating not between 1 and 5 then 'impossible_value:rating'
            when {{ is_impossible_timestamp('reviewed_at', 'pulled_at') }} then 'impossible_timestamp:created_at'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        review_id,
        product_id,
        order_id,
        rating,
        review_title,
        review_text,
        {{ hash_pii('reviewer_name') }} as reviewer_name_hash,
        {{ hash_pii('reviewer_email') }} as reviewer_email_hash,
        is_verified_buyer,
        review_source,
        reviewed_at,
        pulled_at,
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
                    partition by reject_reason is null, review_id
                    order by pulled_at desc, line_hash desc
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
