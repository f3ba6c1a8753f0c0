{%- set record_schema = {
    'id': 'varchar',
    'email': 'varchar',
    'first_name': 'varchar',
    'last_name': 'varchar',
    'phone': 'varchar',
    'created_at': 'varchar',
    'updated_at': 'varchar',
    'state': 'varchar',
    'tags': 'varchar',
    'email_marketing_consent': {'state': 'varchar'},
    'default_address': {'country_code': 'varchar', 'province_code': 'varchar'},
} -%}
{#- The address's street, city and zip are never read: only country and province are kept. -#}

with source_lines as (

    select * from {{ source('shopify', 'customers') }}

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
        nullif(trim(record['id']), '') as customer_id,
        record['email'] as email,
        record['first_name'] as first_name,
        record['last_name'] as last_name,
        record['phone'] as phone,
        record['created_at'] as created_at_raw,
        record['updated_at'] as updated_at_raw,
        lower(record['state']) as account_state,
        record['tags'] as tags_raw,
        lower(record['email_marketing_consent']['state']) as email_marketing_consent_state,
        upper(record['default_address']['country_code']) as country_code,
        upper(record['default_address']['province_code']) as province_code
    from parsed

),

typed as (

    select
        *,
        {{ iso_to_utc_timestamp('created_at_raw') }} as created_at,
        {{ iso_to_utc_timestamp('updated_at_raw') }} as updated_at
    from fields

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when customer_id is null then 'missing_key:id'
            when email is null then 'missing_field:email'
            when created_at_raw is null then 'missing_field:created_at'
            when created_at is null then 'invalid_type:created_at'
            when updated_at_raw is not null and updated_at is null then 'invalid_type:updated_at'
            when {{ is_impossible_timestamp('created_at', 'coalesce(updated_at, ' ~ build_started_at() ~ ')') }}
                then 'impossible_timestamp:created_at'
            when {{ is_impossible_timestamp('updated_at', build_started_at()) }} then 'impossible_timestamp:updated_at'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        customer_id,
        {{ hash_pii('email') }} as email_hash,
        {{ hash_pii('first_name') }} as first_name_hash,
        {{ hash_pii('last_name') }} as last_name_hash,
        {{ hash_pii('phone') }} as phone_hash,
        account_state,
        {{ list_filter_where(list_map("string_split(tags_raw, ',')", 'tag', 'trim(tag)'), 'tag', "tag != ''") }}
            as tags,
        email_marketing_consent_state,
        coalesce(email_marketing_consent_state = 'subscribed', false) as is_email_marketing_subscribed,
        country_code,
        province_code,
        created_at,
        updated_at,
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
                    partition by reject_reason is null, customer_id
                    order by updated_at desc nulls last, line_hash desc
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
