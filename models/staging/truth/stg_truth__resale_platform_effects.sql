with source_rows as (

    {{ truth_file_or_empty('resale_platform_effects', [
        ('category', 'varchar'),
        ('department', 'varchar'),
        ('platform', 'varchar'),
        ('fit', 'integer'),
        ('recovery_rate_nwt', 'double'),
        ('expected_recovery_rate', 'double'),
        ('median_days_to_sell', 'double'),
        ('sell_through_60d', 'double'),
        ('recovery_rank', 'integer'),
        ('speed_rank', 'integer'),
        ('sell_through_rank', 'integer'),
    ]) }}

),

final as (

    select
        category,
        department,
        platform,
        fit,
        recovery_rate_nwt,
        expected_recovery_rate,
        median_days_to_sell,
        sell_through_60d,
        recovery_rank,
        speed_rank,
        sell_through_rank
    from source_rows

)

select * from final
