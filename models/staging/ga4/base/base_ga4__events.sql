{#- Incremental: GA4 writes one file per day, so a run re-reads only the day files from
    `incremental_lookback_days` before the newest file already loaded (DuckDB skips the other
    files: the filter on the file name is pushed into the file scan), and replaces every row of
    those files (delete+insert on `source_file_name`). A re-exported day file within the lookback
    (late events) is therefore re-read whole; `--full-refresh` re-reads every file. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='source_file_name',
) }}
{%- set reload_from_file_name = none -%}
{%- if execute and is_incremental() -%}
    {%- set newest_file_query -%}
        select
            'events_'
            || strftime(
                {{ dbt.dateadd(
                    'day',
                    -var('incremental_lookback_days'),
                    "max(try_strptime(regexp_extract(source_file_name, '^events_([0-9]{8})', 1), '%Y%m%d'))"
                ) }},
                '%Y%m%d'
            )
            || '.jsonl'
        from {{ this }}
    {%- endset -%}
    {%- set reload_from_file_name = run_query(newest_file_query).columns[0].values()[0] -%}
{%- endif -%}
{%- set record_schema = {
    'event_date': 'varchar',
    'event_timestamp': 'varchar',
    'event_name': 'varchar',
    'user_pseudo_id': 'varchar',
    'user_id': 'varchar',
    'event_params': [{
        'key': 'varchar',
        'value': {
            'string_value': 'varchar',
            'int_value': 'varchar',
            'float_value': 'varchar',
            'double_value': 'varchar',
        },
    }],
    'collected_traffic_source': {
        'manual_source': 'varchar',
        'manual_medium': 'varchar',
        'manual_campaign_name': 'varchar',
        'manual_content': 'varchar',
        'manual_term': 'varchar',
        'gclid': 'varchar',
    },
    'traffic_source': {'name': 'varchar', 'medium': 'varchar', 'source': 'varchar'},
    'device': {'category': 'varchar', 'operating_system': 'varchar'},
    'geo': {'country': 'varchar', 'region': 'varchar'},
    'ecommerce': {'transaction_id': 'varchar', 'purchase_revenue': 'varchar', 'total_item_quantity': 'varchar'},
    'items': [{'item_id': 'varchar', 'price': 'varchar', 'quantity': 'varchar'}],
} -%}
{%- set integer_params = ['ga_session_id', 'ga_session_number'] -%}
{%- set text_params = ['page_location', 'page_referrer', 'source', 'medium', 'campaign', 'content', 'term'] -%}
{%- set utm_params = ['source', 'medium', 'campaign', 'content', 'term'] -%}

{#- The raw lines of this run, each with a 64-bit hash to find copies by (cheaper than md5, which
    the event id is; a rare clash only sends a line through the copies' path, where md5 tells the
    lines apart). The files are read three times below: for the hashes of copied lines, for the
    lines read once, and for the copies. -#}
{%- set source_lines_query -%}
    select
        filename,
        raw_line,
        -- null for an empty line, which is never a copy (hash(null) is not null)
        case when raw_line is not null then hash(raw_line) end as line_hash
    from {{ source('ga4', 'events') }}
    {%- if reload_from_file_name %}
        where parse_filename(filename) >= '{{ reload_from_file_name }}'
    {%- endif %}
{%- endset -%}

-- A line exported twice is one event: of identical lines, the copy in the first file is staged and
-- the others are kept as duplicates. Copies are rare, so only they are ranked, before parsing, and
-- every other line is parsed once and never sorted. Each read of the files is its own CTE, read
-- once: DuckDB 1.5 stores a CTE that is read twice (even one marked `not materialized`), and at
-- scale 10 that stored every raw line, 20 GB, spilled to disk.
with source_lines_for_hashes as (

    {{ source_lines_query }}

),

copied_line_hashes as (

    -- hashes of lines read more than once this run (identical lines: the same event exported twice)
    select line_hash
    from source_lines_for_hashes
    where line_hash is not null
    group by line_hash
    having count(*) > 1

),

source_lines_for_single_lines as (

    {{ source_lines_query }}

),

single_lines as (

    -- each line read once this run (every empty line among them): its only copy here
    select
        source_lines_for_single_lines.filename,
        source_lines_for_single_lines.raw_line,
        md5(source_lines_for_single_lines.raw_line) as event_id,
        cast(1 as bigint) as copy_rank
    from source_lines_for_single_lines
    left join copied_line_hashes
        on source_lines_for_single_lines.line_hash = copied_line_hashes.line_hash
    where copied_line_hashes.line_hash is null

),

source_lines_for_copies as (

    {{ source_lines_query }}

),

copied_lines as (

    -- the copies (a few per cent of the lines), numbered 1, 2, ... in file name order: copies in
    -- one file are the same row, so their order among themselves does not matter
    select
        source_lines_for_copies.filename,
        source_lines_for_copies.raw_line,
        md5(source_lines_for_copies.raw_line) as event_id,
        row_number() over (
            partition by md5(source_lines_for_copies.raw_line)
            order by source_lines_for_copies.filename
        ) as copy_rank
    from source_lines_for_copies
    inner join copied_line_hashes
        on source_lines_for_copies.line_hash = copied_line_hashes.line_hash

),

source_lines as (

    select * from single_lines
    union all
    select * from copied_lines

),

parsed as (

    select
        filename as source_file,
        parse_filename(filename) as source_file_name,
        raw_line,
        event_id,
        copy_rank,
        {{ parse_json_object('raw_line', record_schema) }} as record
    from source_lines

),

fields as (

    select
        source_file,
        source_file_name,
        raw_line,
        record,
        event_id,
        copy_rank,
        record['event_date'] as event_date_raw,
        record['event_timestamp'] as event_timestamp_raw,
        record['event_name'] as event_name,
        nullif(trim(record['user_pseudo_id']), '') as user_pseudo_id,
        nullif(trim(record['user_id']), '') as user_id,
        record['event_params'] as event_params,
        -- the keys once, then each parameter found by position: one pass over the list, not one per parameter
        list_transform(record['event_params'], lambda event_param: event_param['key']) as event_param_keys,
        record['collected_traffic_source']['manual_source'] as manual_source,
        record['collected_traffic_source']['manual_medium'] as manual_medium,
        record['collected_traffic_source']['manual_campaign_name'] as manual_campaign,
        record['collected_traffic_source']['manual_content'] as manual_content,
        record['collected_traffic_source']['manual_term'] as manual_term,
        record['collected_traffic_source']['gclid'] as gclid,
        record['traffic_source']['source'] as first_user_source,
        record['traffic_source']['medium'] as first_user_medium,
        record['traffic_source']['name'] as first_user_campaign,
        lower(record['device']['category']) as device_category,
        record['device']['operating_system'] as operating_system,
        record['geo']['country'] as geo_country,
        record['geo']['region'] as geo_region,
        nullif(trim(record['ecommerce']['transaction_id']), '') as transaction_id,
        record['ecommerce']['purchase_revenue'] as purchase_revenue_raw,
        record['ecommerce']['total_item_quantity'] as total_item_quantity_raw,
        record['items'] as items
    from parsed

),

event_params_found as (

    select
        *,
        {%- for param in integer_params + text_params %}
            event_params[list_position(event_param_keys, '{{ param }}')] as {{ param }}_param,
        {%- endfor %}
        -- each item's price and quantity cast once; the checks below read these lists
        list_transform(items, lambda item: {{ safe_cast_money("item['price']") }}) as item_prices,
        list_transform(items, lambda item: {{ safe_cast_integer("item['quantity']") }}) as item_quantities,
        list_count(list_transform(items, lambda item: item['price'])) as item_price_count,
        list_count(list_transform(items, lambda item: item['quantity'])) as item_quantity_count
    from fields

),

event_params_flattened as (

    select
        *,
        {%- for param in integer_params %}
            coalesce({{ param }}_param['value']['int_value'], {{ param }}_param['value']['string_value'])
                as {{ param }}_raw,
        {%- endfor %}
        {%- for param in text_params %}
            {{ param }}_param['value']['string_value'] as {{ param }},
        {%- endfor %}
        {{ safe_cast_date('event_date_raw', '%Y%m%d') }} as event_date
    from event_params_found

),

typed as (

    select
        *,
        {{ unix_micros_to_timestamp('event_timestamp_raw') }} as event_at,
        {%- for param in integer_params %}
            {{ safe_cast_integer(param ~ '_raw') }} as {{ param }},
        {%- endfor %}
        {%- for param in utm_params %}
            {{ url_query_param('page_location', 'utm_' ~ param) }} as page_utm_{{ param }},
        {%- endfor %}
        {{ safe_cast_money('purchase_revenue_raw') }} as purchase_revenue,
        {{ safe_cast_integer('total_item_quantity_raw') }} as total_item_quantity
    from event_params_flattened

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when user_pseudo_id is null then 'missing_key:user_pseudo_id'
            when event_date_raw is null then 'missing_field:event_date'
            when event_timestamp_raw is null then 'missing_field:event_timestamp'
            when event_name is null then 'missing_field:event_name'
            when event_params is null then 'missing_field:event_params'
            when event_name = 'purchase' and transaction_id is null then 'missing_field:ecommerce.transaction_id'
            when {{ list_any('items', 'item', "nullif(trim(item['item_id']), '') is null") }}
                then 'missing_field:items.item_id'
            when event_date is null then 'invalid_type:event_date'
            when event_at is null then 'invalid_type:event_timestamp'
            {%- for param in integer_params %}
                when {{ param }}_raw is not null and {{ param }} is null then 'invalid_type:event_params.{{ param }}'
            {%- endfor %}
            when purchase_revenue_raw is not null and purchase_revenue is null
                then 'invalid_type:ecommerce.purchase_revenue'
            when total_item_quantity_raw is not null and total_item_quantity is null
                then 'invalid_type:ecommerce.total_item_quantity'
            -- fewer prices (quantities) after the cast than before it: one did not cast
            when item_price_count > list_count(item_prices) then 'invalid_type:items.price'
            when item_quantity_count > list_count(item_quantities) then 'invalid_type:items.quantity'
            -- GA4 reports revenue in the property's currency, US dollars here (rate 1)
            when purchase_revenue < 0 or {{ is_absurd_amount('purchase_revenue', '1') }}
                then 'impossible_value:ecommerce.purchase_revenue'
            when {{ is_impossible_count('total_item_quantity') }} then 'impossible_value:ecommerce.total_item_quantity'
            when list_min(item_prices) < 0 then 'impossible_value:items.price'
            when list_min(item_quantities) <= 0 then 'impossible_value:items.quantity'
            when {{ is_impossible_timestamp('event_at', dbt.dateadd('day', 1, 'cast(event_date as timestamp)')) }}
                then 'impossible_timestamp:event_timestamp'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected (the quarantine shows it).
    select
        source_file,
        source_file_name,
        event_id,
        event_date,
        event_at,
        event_name,
        user_pseudo_id,
        {{ hash_pii('user_id') }} as user_id_hash,
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
        items,
        coalesce(len(items), 0) as item_count,
        copy_rank,
        reject_reason,
        case when reject_reason is not null then raw_line end as raw_line
    from checked

),

{%- if is_incremental() %}

kept_copies as (

    -- valid copies of a line already loaded from files this run does not re-read (a line
    -- exported twice is one event: only its first copy is staged)
    select
        event_id,
        count(*) as kept_copy_count
    from {{ this }}
    where
        reject_reason is null
        {%- if reload_from_file_name %}
            and source_file_name < '{{ reload_from_file_name }}'
        {%- endif %}
    group by event_id

),
{%- endif %}

pull_ranked as (

    select
        -- the columns of trimmed (noqa here and below: sqlfluff cannot count what `exclude` leaves)
        trimmed.* exclude (copy_rank),  -- noqa: AM04, RF03
        -- copies are all valid or all invalid (they are the same line); an invalid line is
        -- quarantined for its own reason and never pulled
        case
            when trimmed.reject_reason is null
                then trimmed.copy_rank{% if is_incremental() %} + coalesce(kept_copies.kept_copy_count, 0){% endif %}
        end as pull_rank
    from trimmed
    {%- if is_incremental() %}
        left join kept_copies
            on trimmed.event_id = kept_copies.event_id
    {%- endif %}

),

final as (

    select
        *,
        coalesce(pull_rank = 1, false) as is_staged
    from pull_ranked

)

select * from final  -- noqa: AM04
