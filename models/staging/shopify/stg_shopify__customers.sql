with base_customers as (

    select * from {{ ref('base_shopify__customers') }}

),

final as (

    select
        customer_id,
        email_hash,
        first_name_hash,
        last_name_hash,
        phone_hash,
        account_state,
        tags,
        email_marketing_consent_state,
        is_email_marketing_subscribed,
        country_code,
        province_code,
        created_at,
        updated_at
    from base_customers
    where is_staged

)

select * from final
