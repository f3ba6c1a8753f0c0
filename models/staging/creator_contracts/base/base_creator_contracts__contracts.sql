{#- Columns a header line must name (how the file's header is recognised without line numbers). -#}
{%- set header_columns = [
    'contract_id', 'brand', 'platform', 'creator_username', 'start_date', 'end_date', 'fee', 'currency',
] -%}

with source_lines as (

    select * from {{ source('creator_contracts', 'contracts') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

csv_lines as (

    {{ csv_lines_with_header('source_lines', header_columns) }}

),

fields as (

    select
        source_file,
        raw_line,
        csv_fields,
        header_rank,
        header_fields,
        line_kind,
        {{ csv_field('csv_fields', 'header_fields', 'contract_id') }} as contract_id,
        {{ csv_field('csv_fields', 'header_fields', 'brand') }} as brand_name,
        lower({{ csv_field('csv_fields', 'header_fields', 'platform') }}) as platform,
        {{ csv_field('csv_fields', 'header_fields', 'creator_username') }} as creator_username,
        {{ csv_field('csv_fields', 'header_fields', 'start_date') }} as start_date_raw,
        {{ csv_field('csv_fields', 'header_fields', 'end_date') }} as end_date_raw,
        {{ csv_field('csv_fields', 'header_fields', 'fee') }} as fee_raw,
        upper({{ csv_field('csv_fields', 'header_fields', 'currency') }}) as currency,
        {{ csv_field('csv_fields', 'header_fields', 'promo_code') }} as promo_code,
        {{ csv_field('csv_fields', 'header_fields', 'deliverables') }} as deliverables,
        {{ csv_field('csv_fields', 'header_fields', 'utm_campaign') }} as utm_campaign,
        {{ csv_field('csv_fields', 'header_fields', 'signed_at') }} as signed_at_raw
    from csv_lines

),

typed as (

    select
        fields.*,
        currency_rates.currency_code is not null as is_known_currency,
        currency_rates.usd_per_unit,
        {{ safe_cast_date('start_date_raw') }} as start_date,
        {{ safe_cast_date('end_date_raw') }} as end_date,
        {{ safe_cast_money('fee_raw') }} as fee_amount,
        {{ iso_to_utc_timestamp('signed_at_raw') }} as signed_at
    from fields
    left join currency_rates
        on fields.currency = currency_rates.currency_code

),

checked as (

    select
        *,
        case
            when line_kind = 'header' then null
            when {{ is_empty_line('raw_line') }} then 'empty_line'
            when csv_fields is null or header_fields is null or header_rank > 1 then 'malformed_csv'
            when len(csv_fields) != len(header_fields) then 'malformed_csv'
            when contract_id is null then 'missing_key:contract_id'
            when brand_name is null then 'missing_field:brand'
            when platform is null then 'missing_field:platform'
            when creator_username is null then 'missing_field:creator_username'
            when start_date_raw is null then 'missing_field:start_date'
            when end_date_raw is null then 'missing_field:end_date'
            when fee_raw is null then 'missing_field:fee'
            when currency is null then 'missing_field:currency'
            when start_date is null then 'invalid_type:start_date'
            when end_date is null then 'invalid_type:end_date'
            when fee_amount is null then 'invalid_type:fee'
            when signed_at_raw is not null and signed_at is null then 'invalid_type:signed_at'
            when fee_amount < 0 then 'impossible_value:fee'
            when {{ is_absurd_amount('fee_amount', 'usd_per_unit') }} then 'impossible_value:fee'
            when {{ is_impossible_timestamp('cast(start_date as timestamp)', build_started_at()) }}
                then 'impossible_timestamp:start_date'
            when end_date < start_date then 'impossible_timestamp:end_date'
            when {{ is_impossible_timestamp('signed_at', build_started_at()) }} then 'impossible_timestamp:signed_at'
            when not is_known_currency then 'unknown_currency'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        line_kind,
        contract_id,
        brand_name,
        platform,
        creator_username,
        start_date,
        end_date,
        fee_amount,
        currency,
        upper(promo_code) as promo_code,
        deliverables,
        {{ safe_cast_integer("regexp_extract(deliverables, '^([0-9]+)', 1)") }} as deliverable_count,
        utm_campaign,
        signed_at,
        reject_reason,
        md5(raw_line) as line_hash,
        case when reject_reason is not null then raw_line end as raw_line
    from checked

),

ranked as (

    select
        *,
        case
            when reject_reason is null and line_kind = 'data'
                then row_number() over (
                    partition by reject_reason is null and line_kind = 'data', contract_id
                    order by line_hash desc
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
