{#- A view, not a table like the rest of staging: `base_ga4__events` is incremental, and a view
    over it is always exactly its staged (or rejected) rows, at no cost per run. -#}
{{ config(materialized='view') }}

with base_events as (

    select * from {{ ref('base_ga4__events') }}

),

final as (

    select
        event_id,
        event_date,
        event_at,
        event_name,
        user_pseudo_id,
        user_id_hash,
        ga_session_id,
        ga_session_number,
        page_location,
        page_referrer,
        source,
        medium,
        campaign,
        content,
        term,
        page_utm_source,
        page_utm_medium,
        page_utm_campaign,
        page_utm_content,
        page_utm_term,
        manual_source,
        manual_medium,
        manual_campaign,
        manual_content,
        manual_term,
        gclid,
        first_user_source,
        first_user_medium,
        first_user_campaign,
        device_category,
        operating_system,
        geo_country,
        geo_region,
        transaction_id,
        purchase_revenue,
        total_item_quantity,
        item_count
    from base_events
    where is_staged

)

select * from final
