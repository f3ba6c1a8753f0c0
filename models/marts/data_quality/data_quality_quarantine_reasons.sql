{#- The raw entities with a quarantine (the same list as data_quality_row_counts). -#}
{%- set entities = [
    ('ads', 'daily_spend'), ('creator_contracts', 'contracts'), ('experiments', 'assignments'),
    ('ga4', 'events'), ('instagram', 'accounts'), ('instagram', 'media'), ('reddit', 'comments'),
    ('reddit', 'submissions'), ('resale', 'listings'), ('reviews', 'reviews'),
    ('shopify', 'customers'), ('shopify', 'orders'), ('shopify', 'products'),
    ('surveys', 'responses'), ('tiktok', 'comments'), ('tiktok', 'user_info'),
    ('tiktok', 'videos'), ('trends', 'interest_over_time'), ('x', 'tweets'),
] -%}

with quarantined as (

    {% for source_name, entity_name in entities -%}
        select
            '{{ source_name }}' as source_name,
            '{{ entity_name }}' as entity_name,
            reject_reason
        from {{ ref('stg_' ~ source_name ~ '__' ~ entity_name ~ '_quarantine') }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

row_counts as (

    select * from {{ ref('data_quality_row_counts') }}

),

per_reason as (

    select
        source_name,
        entity_name,
        reject_reason,
        count(*) as quarantined_line_count
    from quarantined
    group by source_name, entity_name, reject_reason

),

final as (

    select
        per_reason.source_name,
        per_reason.entity_name,
        per_reason.reject_reason,
        split_part(per_reason.reject_reason, ':', 1) as reject_category,
        per_reason.quarantined_line_count,
        per_reason.quarantined_line_count / nullif(row_counts.record_line_count, 0) as share_of_record_lines
    from per_reason
    inner join row_counts
        on
            per_reason.source_name = row_counts.source_name
            and per_reason.entity_name = row_counts.entity_name

)

select * from final
