with source_rows as (

    {{ truth_file_or_empty('channel_effects', [
        ('channel', 'varchar'),
        ('true_hazard_per_touch', 'double'),
        ('notes', 'varchar'),
    ]) }}

),

final as (

    select
        channel,
        true_hazard_per_touch,
        channel = 'baseline' as is_baseline,
        notes
    from source_rows

)

select * from final
