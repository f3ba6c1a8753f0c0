{#- The raw entities: source folder and entity, which name the base model that reads every raw line,
    the staging model of its records and its quarantine. `preamble_lines_per_file`, `staged_line_count` and
    `data_condition` are those of the entity's `reconciles_with_source` test. -#}
{%- set entities = [
    {'source': 'ads', 'entity': 'daily_spend', 'preamble': 1, 'data_condition': "line_kind = 'data'"},
    {'source': 'creator_contracts', 'entity': 'contracts', 'preamble': 1, 'data_condition': "line_kind = 'data'"},
    {'source': 'experiments', 'entity': 'assignments', 'preamble': 1, 'data_condition': "line_kind = 'data'"},
    {'source': 'ga4', 'entity': 'events'},
    {'source': 'instagram', 'entity': 'accounts'},
    {'source': 'instagram', 'entity': 'media'},
    {'source': 'reddit', 'entity': 'comments'},
    {'source': 'reddit', 'entity': 'submissions'},
    {'source': 'resale', 'entity': 'listings'},
    {'source': 'reviews', 'entity': 'reviews'},
    {'source': 'shopify', 'entity': 'customers'},
    {'source': 'shopify', 'entity': 'orders'},
    {'source': 'shopify', 'entity': 'products'},
    {'source': 'surveys', 'entity': 'responses'},
    {'source': 'tiktok', 'entity': 'comments'},
    {'source': 'tiktok', 'entity': 'user_info'},
    {'source': 'tiktok', 'entity': 'videos'},
    {'source': 'trends', 'entity': 'interest_over_time', 'preamble': 3, 'data_condition': "line_kind = 'data'",
        'staged_line_count': "count(distinct source_file || '|' || cast(interest_date as varchar))"},
    {'source': 'x', 'entity': 'tweets'},
] -%}

with base_counts as (

    -- every raw line of the entity, as the base model read it
    {% for item in entities %}
        select
            '{{ item.source }}' as source_name,
            '{{ item.entity }}' as entity_name,
            count(*) as raw_line_count,
            count(distinct source_file) as raw_file_count,
            count(distinct source_file) * {{ item.get('preamble', 0) }} as preamble_line_count,
            count(*) filter (
                where reject_reason is null and {{ item.get('data_condition', 'true') }}
            ) as valid_line_count
        from {{ ref('base_' ~ item.source ~ '__' ~ item.entity) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

staged_counts as (

    {% for item in entities %}
        select
            '{{ item.source }}' as source_name,
            '{{ item.entity }}' as entity_name,
            'stg_{{ item.source }}__{{ item.entity }}' as staged_model,
            {{ item.get('staged_line_count', 'count(*)') }} as staged_line_count,
            count(*) as staged_row_count
        from {{ ref('stg_' ~ item.source ~ '__' ~ item.entity) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

quarantine_counts as (

    {% for item in entities %}
        select
            '{{ item.source }}' as source_name,
            '{{ item.entity }}' as entity_name,
            count(*) as quarantined_line_count
        from {{ ref('stg_' ~ item.source ~ '__' ~ item.entity ~ '_quarantine') }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

counted as (

    select
        base_counts.source_name,
        base_counts.entity_name,
        staged_counts.staged_model,
        base_counts.raw_file_count,
        base_counts.raw_line_count,
        base_counts.preamble_line_count,
        staged_counts.staged_line_count,
        staged_counts.staged_row_count,
        quarantine_counts.quarantined_line_count,
        base_counts.valid_line_count - staged_counts.staged_line_count as duplicate_line_count
    from base_counts
    inner join staged_counts
        on
            base_counts.source_name = staged_counts.source_name
            and base_counts.entity_name = staged_counts.entity_name
    inner join quarantine_counts
        on
            base_counts.source_name = quarantine_counts.source_name
            and base_counts.entity_name = quarantine_counts.entity_name

),

final as (

    select
        source_name,
        entity_name,
        staged_model,
        raw_file_count,
        raw_line_count,
        preamble_line_count,
        raw_line_count - preamble_line_count as record_line_count,
        staged_line_count,
        staged_row_count,
        quarantined_line_count,
        duplicate_line_count,
        quarantined_line_count / nullif(raw_line_count - preamble_line_count, 0) as quarantine_rate,
        duplicate_line_count / nullif(raw_line_count - preamble_line_count, 0) as duplicate_rate,
        (
            raw_line_count
            = preamble_line_count + staged_line_count + quarantined_line_count + duplicate_line_count
        ) as is_reconciled
    from counted

)

select * from final
