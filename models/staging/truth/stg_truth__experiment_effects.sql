with source_rows as (

    {{ truth_file_or_empty('experiment_effects', [
        ('experiment_id', 'varchar'),
        ('variant', 'varchar'),
        ('metric', 'varchar'),
        ('true_effect', 'double'),
    ]) }}

),

final as (

    select
        experiment_id,
        variant,
        metric,
        true_effect
    from source_rows

)

select * from final
