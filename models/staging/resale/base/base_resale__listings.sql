{%- set record_schema = {
    'listing_id': 'varchar',
    'platform': 'varchar',
    'sku': 'varchar',
    'title': 'varchar',
    'seller_handle': 'varchar',
    'listed_at': 'varchar',
    'list_price': 'varchar',
    'sold_at': 'varchar',
    'sold_price': 'varchar',
    'currency': 'varchar',
    'condition': 'varchar',
    'status': 'varchar',
    'pulled_at': 'varchar',
} -%}

with source_lines as (

    select * from {{ source('resale', 'listings') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

resale_platforms as (

    select * from {{ ref('resale_platforms') }}

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
        nullif(trim(record['listing_id']), '') as listing_id,
        lower(trim(record['platform'])) as platform,
        nullif(trim(record['sku']), '') as sku,
        record['title'] as listing_title,
        record['seller_handle'] as seller_handle,
        record['listed_at'] as listed_at_raw,
        record['list_price'] as list_price_raw,
        record['sold_at'] as sold_at_raw,
        record['sold_price'] as sold_price_raw,
        upper(trim(record['currency'])) as currency,
        lower(trim(record['condition'])) as item_condition,
        lower(trim(record['status'])) as listing_status,
        record['pulled_at'] as pulled_at_raw
    from parsed

),

typed as (

    select
        fields.*,
        currency_rates.currency_code is not null as is_known_currency,
        currency_rates.usd_per_unit,
        resale_platforms.platform is not null as is_known_platform,
        {{ iso_to_utc_timestamp('listed_at_raw') }} as listed_at,
        {{ safe_cast_money('list_price_raw') }} as list_price,
        {{ iso_to_utc_timestamp('sold_at_raw') }} as sold_at,
        {{ safe_cast_money('sold_price_raw') }} as sold_price,
        {{ iso_to_utc_timestamp('pulled_at_raw') }} as pulled_at
    from fields
    left join currency_rates
        on fields.currency = currency_rates.currency_code
    left join resale_platforms
        on fields.platform = resale_platforms.platform

),

checked as (

    select
        *,
        case
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when record is null then 'malformed_json'
            when listing_id is null then 'missing_key:listing_id'
            when platform is null then 'missing_field:platform'
            when sku is null then 'missing_field:sku'
            when listed_at_raw is null then 'missing_field:listed_at'
            when list_price_raw is null then 'missing_field:list_price'
            when currency is null then 'missing_field:currency'
            when pulled_at_raw is null then 'missing_field:pulled_at'
            when listed_at is null then 'invalid_type:listed_at'
            when list_price is null then 'invalid_type:list_price'
            when sold_at_raw is not null and sold_at is null then 'invalid_type:sold_at'
            when sold_price_raw is not null and sold_price is null then 'invalid_type:sold_price'
            when pulled_at is null then 'invalid_type:pulled_at'
            when list_price < 0 then 'impossible_value:list_price'
            when sold_price < 0 then 'impossible_value:sold_price'
            when {{ is_absurd_amount('list_price', 'usd_per_unit') }} then 'impossible_value:list_price'
            when {{ is_absurd_amount('sold_price', 'usd_per_unit') }} then 'impossible_value:sold_price'
            when {{ is_impossible_timestamp('listed_at', 'pulled_at') }} then 'impossible_timestamp:listed_at'
            when {{ is_impossible_timestamp('sold_at', 'pulled_at') }} or sold_at < listed_at
                then 'impossible_timestamp:sold_at'
            when {{ is_impossible_timestamp('pulled_at', build_started_at()) }} then 'impossible_timestamp:pulled_at'
            when not is_known_currency then 'unknown_currency'
            when not is_known_platform then 'invalid_value:platform'
            when item_condition not in ('new_with_tags', 'like_new', 'good', 'fair') then 'invalid_value:condition'
            when listing_status not in ('active', 'sold', 'ended') then 'invalid_value:status'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        listing_id,
        platform,
        sku,
        listing_title,
        {{ hash_pii('seller_handle') }} as seller_handle_hash,
        listed_at,
        list_price,
        sold_at,
        sold_price,
        coalesce(listing_status = 'sold' or sold_at is not null, false) as is_sold,
        currency,
        item_condition,
        listing_status,
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
                    partition by reject_reason is null, listing_id
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
