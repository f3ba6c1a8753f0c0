with source_rows as (

    {{ truth_file_or_empty('creator_effects', [
        ('creator_id', 'bigint'),
        ('username', 'varchar'),
        ('platform', 'varchar'),
        ('true_hazard_per_touch', 'double'),
    ]) }}

),

final as (

    select
        platform || ':' || lower(username) as creator_platform_id,
        creator_id,
        lower(username) as creator_username,
        platform,
        true_hazard_per_touch
    from source_rows

)

select * from final
