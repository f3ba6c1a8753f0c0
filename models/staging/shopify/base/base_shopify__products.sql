{%- set record_schema = {
    'id': 'varchar',
    'title': 'varchar',
    'handle': 'varchar',
    'vendor': 'varchar',
    'product_type': 'varchar',
    'tags': 'varchar',
    'status': 'varchar',
    'created_at': 'varchar',
    'updated_at': 'varchar',
    'variants': [{
        'id': 'varchar',
        'product_id': 'varchar',
        'sku': 'varchar',
        'title': 'varchar',
        'price': 'varchar',
        'compare_at_price': 'varchar',
        'option1': 'varchar',
        'inventory_quantity': 'varchar',
    }],
} -%}

with source_lines as (

    select * from {{ source('shopify', 'products') }}

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
        nullif(trim(record['id']), '') as product_id,
        record['title'] as product_title,
        record['handle'] as product_handle,
        record['vendor'] as brand_name,
        record['product_type'] as product_type,
        record['tags'] as tags_raw,
        lower(record['status']) as product_status,
        record['created_at'] as created_at_raw,
        record['updated_at'] as updated_at_raw,
        record['variants'] as variants
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
            when product_id is null then 'missing_key:id'
            when {{ list_any('variants', 'variant', "nullif(trim(variant['id']), '') is null") }}
                then 'missing_key:variants.id'
            when product_title is null then 'missing_field:title'
            when brand_name is null then 'missing_field:vendor'
            when product_type is null then 'missing_field:product_type'
            when created_at_raw is null then 'missing_field:created_at'
            when variants is null then 'missing_field:variants'
            when created_at is null then 'invalid_type:created_at'
            when updated_at_raw is not null and updated_at is null then 'invalid_type:updated_at'
            when {{ list_any('variants', 'variant', safe_cast_money("variant['price']") ~ ' is null') }}
                then 'invalid_type:variants.price'
            when {{ list_any(
                'variants', 'variant',
                "variant['compare_at_price'] is not null and " ~ safe_cast_money("variant['compare_at_price']") ~ ' is null'
            ) }}
                then 'invalid_type:variants.compare_at_price'
            when {{ list_any(
                'variants', 'variant',
                "variant['inventory_quantity'] is not null and "
                ~ safe_cast_integer("variant['inventory_quantity']") ~ ' is null'
            ) }}
                then 'invalid_type:variants.inventory_quantity'
            when {{ list_any('variants', 'variant', safe_cast_money("variant['price']") ~ ' < 0') }}
                then 'impossible_value:variants.price'
            when {{ list_any('variants', 'variant', safe_cast_money("variant['compare_at_price']") ~ ' < 0') }}
                then 'impossible_value:variants.compare_at_price'
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
        product_id,
        product_title,
        product_handle,
        brand_name,
        product_type,
        {{ list_filter_where(list_map("string_split(tags_raw, ',')", 'tag', 'trim(tag)'), 'tag', "tag != ''") }}
            as tags,
        product_status,
        created_at,
        updated_at,
        variants,
        len(variants) as variant_count,
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
                    partition by reject_reason is null, product_id
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
