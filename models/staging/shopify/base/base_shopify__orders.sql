{%- set record_schema = {
    'id': 'varchar',
    'name': 'varchar',
    'email': 'varchar',
    'customer': {'id': 'varchar'},
    'created_at': 'varchar',
    'processed_at': 'varchar',
    'cancelled_at': 'varchar',
    'currency': 'varchar',
    'total_price': 'varchar',
    'subtotal_price': 'varchar',
    'total_discounts': 'varchar',
    'total_tax': 'varchar',
    'financial_status': 'varchar',
    'fulfillment_status': 'varchar',
    'landing_site': 'varchar',
    'referring_site': 'varchar',
    'source_name': 'varchar',
    'discount_codes': [{'code': 'varchar', 'amount': 'varchar', 'type': 'varchar'}],
    'line_items': [{
        'id': 'varchar',
        'product_id': 'varchar',
        'variant_id': 'varchar',
        'title': 'varchar',
        'sku': 'varchar',
        'quantity': 'varchar',
        'price': 'varchar',
    }],
    'refunds': [{
        'id': 'varchar',
        'created_at': 'varchar',
        'note': 'varchar',
        'refund_line_items': [{
            'id': 'varchar',
            'line_item_id': 'varchar',
            'quantity': 'varchar',
            'subtotal': 'varchar',
        }],
    }],
    'shipping_address': {'country_code': 'varchar', 'province_code': 'varchar'},
    'updated_at': 'varchar',
} -%}
{%- set line_item_ids = list_map('line_items', 'line_item', "line_item['id']") -%}
{#- Shipping address: only country and province are read, never the street. -#}

with source_lines as (

    select * from {{ source('shopify', 'orders') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

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
        nullif(trim(record['id']), '') as order_id,
        record['name'] as order_name,
        record['email'] as email,
        nullif(trim(record['customer']['id']), '') as customer_id,
        record['created_at'] as created_at_raw,
        record['processed_at'] as processed_at_raw,
        record['cancelled_at'] as cancelled_at_raw,
        upper(trim(record['currency'])) as currency,
        record['total_price'] as total_price_raw,
        record['subtotal_price'] as subtotal_price_raw,
        record['total_discounts'] as total_discounts_raw,
        record['total_tax'] as total_tax_raw,
        lower(record['financial_status']) as financial_status,
        lower(record['fulfillment_status']) as fulfillment_status,
        record['landing_site'] as landing_site,
        record['referring_site'] as referring_site,
        record['source_name'] as source_name,
        record['discount_codes'] as discount_codes,
        record['line_items'] as line_items,
        record['refunds'] as refunds,
        upper(record['shipping_address']['country_code']) as shipping_country_code,
        upper(record['shipping_address']['province_code']) as shipping_province_code,
        record['updated_at'] as updated_at_raw
    from parsed

),

typed as (

    select
        fields.*,
        currency_rates.currency_code is not null as is_known_currency,
        currency_rates.usd_per_unit,
        {{ iso_to_utc_timestamp('created_at_raw') }} as ordered_at,
        {{ iso_to_utc_timestamp('processed_at_raw') }} as processed_at,
        {{ iso_to_utc_timestamp('cancelled_at_raw') }} as cancelled_at,
        {{ iso_to_utc_timestamp('updated_at_raw') }} as updated_at,
        {{ safe_cast_money('total_price_raw') }} as total_price,
        {{ safe_cast_money('subtotal_price_raw') }} as subtotal_price,
        {{ safe_cast_money('total_discounts_raw') }} as total_discount_amount,
        {{ safe_cast_money('total_tax_raw') }} as total_tax
    from fields
    left join currency_rates
        on fields.currency = currency_rates.currency_code

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when order_id is null then 'missing_key:id'
            when {{ list_any('line_items', 'line_item', "nullif(trim(line_item['id']), '') is null") }}
                then 'missing_key:line_items.id'
            when {{ list_any('refunds', 'refund', "nullif(trim(refund['id']), '') is null") }}
                then 'missing_key:refunds.id'
            when {{ list_any(
                'refunds', 'refund',
                list_any("refund['refund_line_items']", 'refund_line', "nullif(trim(refund_line['id']), '') is null")
            ) }}
                then 'missing_key:refunds.refund_line_items.id'
            when order_name is null then 'missing_field:name'
            when customer_id is null then 'missing_field:customer.id'
            when created_at_raw is null then 'missing_field:created_at'
            when currency is null then 'missing_field:currency'
            when total_price_raw is null then 'missing_field:total_price'
            when landing_site is null then 'missing_field:landing_site'
            when line_items is null then 'missing_field:line_items'
            when updated_at_raw is null then 'missing_field:updated_at'
            when {{ list_any(
                'refunds', 'refund',
                list_any("refund['refund_line_items']", 'refund_line', "refund_line['line_item_id'] is null")
            ) }}
                then 'missing_field:refunds.refund_line_items.line_item_id'
            when ordered_at is null then 'invalid_type:created_at'
            when processed_at_raw is not null and processed_at is null then 'invalid_type:processed_at'
            when cancelled_at_raw is not null and cancelled_at is null then 'invalid_type:cancelled_at'
            when updated_at is null then 'invalid_type:updated_at'
            when total_price is null then 'invalid_type:total_price'
            when subtotal_price_raw is not null and subtotal_price is null then 'invalid_type:subtotal_price'
            when total_discounts_raw is not null and total_discount_amount is null then 'invalid_type:total_discounts'
            when total_tax_raw is not null and total_tax is null then 'invalid_type:total_tax'
            when {{ list_any('line_items', 'line_item', safe_cast_integer("line_item['quantity']") ~ ' is null') }}
                then 'invalid_type:line_items.quantity'
            when {{ list_any('line_items', 'line_item', safe_cast_money("line_item['price']") ~ ' is null') }}
                then 'invalid_type:line_items.price'
            when {{ list_any(
                'discount_codes', 'discount_code',
                "discount_code['amount'] is not null and " ~ safe_cast_money("discount_code['amount']") ~ ' is null'
            ) }}
                then 'invalid_type:discount_codes.amount'
            when {{ list_any('refunds', 'refund', iso_to_utc_timestamp("refund['created_at']") ~ ' is null') }}
                then 'invalid_type:refunds.created_at'
            when {{ list_any(
                'refunds', 'refund',
                list_any(
                    "refund['refund_line_items']", 'refund_line',
                    safe_cast_integer("refund_line['quantity']") ~ ' is null'
                )
            ) }}
                then 'invalid_type:refunds.refund_line_items.quantity'
            when {{ list_any(
                'refunds', 'refund',
                list_any(
                    "refund['refund_line_items']", 'refund_line',
                    "refund_line['subtotal'] is not null and " ~ safe_cast_money("refund_line['subtotal']") ~ ' is null'
                )
            ) }}
                then 'invalid_type:refunds.refund_line_items.subtotal'
            when total_price < 0 then 'impossible_value:total_price'
            when {{ is_absurd_amount('total_price', 'usd_per_unit') }} then 'impossible_value:total_price'
            when subtotal_price < 0 then 'impossible_value:subtotal_price'
            when total_discount_amount < 0 then 'impossible_value:total_discounts'
            when total_tax < 0 then 'impossible_value:total_tax'
            when {{ list_any('line_items', 'line_item', safe_cast_integer("line_item['quantity']") ~ ' <= 0') }}
                then 'impossible_value:line_items.quantity'
            when {{ list_any('line_items', 'line_item', safe_cast_money("line_item['price']") ~ ' < 0') }}
                then 'impossible_value:line_items.price'
            when {{ list_any('discount_codes', 'discount_code', safe_cast_money("discount_code['amount']") ~ ' < 0') }}
                then 'impossible_value:discount_codes.amount'
            when {{ list_any(
                'refunds', 'refund',
                list_any(
                    "refund['refund_line_items']", 'refund_line',
                    safe_cast_integer("refund_line['quantity']") ~ ' <= 0'
                )
            ) }}
                then 'impossible_value:refunds.refund_line_items.quantity'
            when {{ list_any(
                'refunds', 'refund',
                list_any("refund['refund_line_items']", 'refund_line', safe_cast_money("refund_line['subtotal']") ~ ' < 0')
            ) }}
                then 'impossible_value:refunds.refund_line_items.subtotal'
            when {{ is_impossible_timestamp('ordered_at', 'updated_at') }} then 'impossible_timestamp:created_at'
            when {{ is_impossible_timestamp('updated_at', build_started_at()) }} then 'impossible_timestamp:updated_at'
            when not is_known_currency then 'unknown_currency'
            when {{ list_any(
                'refunds', 'refund',
                list_any(
                    "refund['refund_line_items']", 'refund_line',
                    'not list_contains(' ~ line_item_ids ~ ", refund_line['line_item_id'])"
                )
            ) }}
                then 'invalid_value:refunds.refund_line_items.line_item_id'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        order_id,
        order_name,
        customer_id,
        {{ hash_pii('email') }} as email_hash,
        ordered_at,
        processed_at,
        cancelled_at,
        cancelled_at is not null as is_cancelled,
        updated_at,
        currency,
        total_price,
        subtotal_price,
        total_discount_amount,
        total_tax,
        financial_status,
        fulfillment_status,
        landing_site,
        {{ url_query_param('landing_site', 'utm_source') }} as utm_source,
        {{ url_query_param('landing_site', 'utm_medium') }} as utm_medium,
        {{ url_query_param('landing_site', 'utm_campaign') }} as utm_campaign,
        {{ url_query_param('landing_site', 'utm_content') }} as utm_content,
        {{ url_query_param('landing_site', 'utm_term') }} as utm_term,
        referring_site,
        source_name,
        shipping_country_code,
        shipping_province_code,
        discount_codes,
        line_items,
        refunds,
        len(line_items) as line_item_count,
        coalesce(len(refunds), 0) as refund_count,
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
                    partition by reject_reason is null, order_id
                    order by updated_at desc, line_hash desc
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
