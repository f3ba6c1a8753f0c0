{#- Columns a header line must name (how the file's header is recognised without line numbers). -#}
{%- set header_columns = ['date', 'platform', 'campaign_id', 'utm_source', 'utm_medium', 'currency', 'spend'] -%}

with source_lines as (

    select * from {{ source('ads', 'daily_spend') }}

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
        {{ csv_field('csv_fields', 'header_fields', 'date') }} as date_raw,
        lower({{ csv_field('csv_fields', 'header_fields', 'platform') }}) as platform,
        {{ csv_field('csv_fields', 'header_fields', 'campaign_id') }} as campaign_id,
        {{ csv_field('csv_fields', 'header_fields', 'campaign_name') }} as campaign_name,
        {{ csv_field('csv_fields', 'header_fields', 'utm_source') }} as utm_source,
        {{ csv_field('csv_fields', 'header_fields', 'utm_medium') }} as utm_medium,
        {{ csv_field('csv_fields', 'header_fields', 'utm_campaign') }} as utm_campaign,
        upper({{ csv_field('csv_fields', 'header_fields', 'currency') }}) as currency,
        {{ csv_field('csv_fields', 'header_fields', 'spend') }} as spend_raw,
        {{ csv_field('csv_fields', 'header_fields', 'impressions') }} as impressions_raw,
        {{ csv_field('csv_fields', 'header_fields', 'clicks') }} as clicks_raw
    from csv_lines

),

typed as (

    select
        fields.*,
        currency_rates.currency_code is not null as is_known_currency,
        currency_rates.usd_per_unit,
        {{ safe_cast_date('date_raw') }} as spend_date,
        {{ safe_cast_money('spend_raw') }} as spend_amount,
        {{ safe_cast_integer('impressions_raw') }} as impression_count,
        {{ safe_cast_integer('clicks_raw') }} as click_count
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
            when campaign_id is null then 'missing_key:campaign_id'
            when date_raw is null then 'missing_key:date'
            when platform is null then 'missing_field:platform'
            when utm_source is null then 'missing_field:utm_source'
            when utm_medium is null then 'missing_field:utm_medium'
            when currency is null then 'missing_field:currency'
            when spend_raw is null then 'missing_field:spend'
            when spend_date is null then 'invalid_type:date'
            when spend_amount is null then 'invalid_type:spend'
            when impressions_raw is not null and impression_count is null then 'invalid_type:impressions'
            when clicks_raw is not null and click_count is null then 'invalid_type:clicks'
            when spend_amount < 0 then 'impossible_value:spend'
            when {{ is_absurd_amount('spend_amount', 'usd_per_unit') }} then 'impossible_value:spend'
            when impression_count < 0 then 'impossible_value:impressions'
            when click_count < 0 then 'impossible_value:clicks'
            when {{ is_impossible_timestamp('cast(spend_date as timestamp)', build_started_at()) }}
                then 'impossible_timestamp:date'
            when not is_known_currency then 'unknown_currency'
            when platform not in ('tiktok', 'meta', 'google', 'pinterest') then 'invalid_value:platform'
        end as reject_reason
    from typed

),

trimmed as (

    -- The columns kept, with the raw line only where it is rejected: the ranking below
    -- sorts these rows, and must not carry every raw line along.
    select
        source_file,
        line_kind,
        spend_date,
        platform,
        campaign_id,
        campaign_name,
        utm_source,
        utm_medium,
        utm_campaign,
        currency,
        spend_amount,
        impression_count,
        click_count,
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
                    partition by reject_reason is null and line_kind = 'data', spend_date, platform, campaign_id
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
