with source_rows as (

    {{ truth_file_or_empty('ad_response', [
        ('campaign_id', 'varchar'),
        ('platform', 'varchar'),
        ('channel', 'varchar'),
        ('utm_campaign', 'varchar'),
        ('currency', 'varchar'),
        ('start_day', 'integer'),
        ('end_day', 'integer'),
        ('exponent', 'double'),
        ('scale', 'double'),
        ('notes', 'varchar'),
    ]) }}

),

final as (

    select
        campaign_id,
        platform,
        channel,
        utm_campaign,
        currency,
        start_day as start_day_index,
        end_day as end_day_index,
        exponent as response_exponent,
        scale as response_scale,
        notes
    from source_rows

)

select * from final
