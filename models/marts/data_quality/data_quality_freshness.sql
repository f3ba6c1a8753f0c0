{#- Per raw entity: the staged model and the column holding the time of the record itself (when
    the event happened, not when it was pulled), so that a stale extract shows as a stale record. -#}
{%- set entities = [
    ('ads', 'daily_spend', 'stg_ads__daily_spend', 'spend_date'),
    ('creator_contracts', 'contracts', 'stg_creator_contracts__contracts', 'signed_at'),
    ('experiments', 'assignments', 'stg_experiments__assignments', 'assigned_at'),
    ('ga4', 'events', 'stg_ga4__events', 'event_at'),
    ('instagram', 'accounts', 'stg_instagram__accounts', 'pulled_at'),
    ('instagram', 'media', 'stg_instagram__media', 'posted_at'),
    ('reddit', 'comments', 'stg_reddit__comments', 'commented_at'),
    ('reddit', 'submissions', 'stg_reddit__submissions', 'posted_at'),
    ('resale', 'listings', 'stg_resale__listings', 'listed_at'),
    ('reviews', 'reviews', 'stg_reviews__reviews', 'reviewed_at'),
    ('shopify', 'customers', 'stg_shopify__customers', 'created_at'),
    ('shopify', 'orders', 'stg_shopify__orders', 'ordered_at'),
    ('shopify', 'products', 'stg_shopify__products', 'updated_at'),
    ('surveys', 'responses', 'stg_surveys__responses', 'submitted_at'),
    ('tiktok', 'comments', 'stg_tiktok__comments', 'commented_at'),
    ('tiktok', 'user_info', 'stg_tiktok__user_info', 'pulled_at'),
    ('tiktok', 'videos', 'stg_tiktok__videos', 'posted_at'),
    ('trends', 'interest_over_time', 'stg_trends__interest_over_time', 'interest_date'),
    ('x', 'tweets', 'stg_x__tweets', 'posted_at'),
] -%}

with latest as (

    {% for source_name, entity_name, model_name, time_column in entities -%}
        select
            '{{ source_name }}' as source_name,
            '{{ entity_name }}' as entity_name,
            '{{ model_name }}' as staged_model,
            '{{ time_column }}' as record_time_column,
            cast(max({{ time_column }}) as timestamp) as latest_record_at,
            count({{ time_column }}) as timed_row_count
        from {{ ref(model_name) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

stamped as (

    select
        *,
        {{ build_started_at() }} as build_started_at
    from latest

),

aged as (

    select
        *,
        -- the rendered datediff is longer than a line on DuckDB
        {{ dbt.datediff('latest_record_at', 'build_started_at', 'hour') }} as hours_since_latest_record  -- noqa: LT05
    from stamped

),

final as (

    select
        source_name,
        entity_name,
        staged_model,
        record_time_column,
        latest_record_at,
        timed_row_count,
        build_started_at,
        hours_since_latest_record / 24.0 as days_since_latest_record
    from aged

)

select * from final
