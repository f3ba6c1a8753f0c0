with source_rows as (

    {{ truth_file_or_empty('sentiment_lag', [
        ('brand', 'varchar'),
        ('lag_days', 'integer'),
        ('effect_size_k', 'double'),
    ]) }}

),

final as (

    select
        brand as brand_name,
        lag_days,
        effect_size_k
    from source_rows

)

select * from final
