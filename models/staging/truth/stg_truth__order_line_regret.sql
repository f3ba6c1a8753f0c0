with source_rows as (

    {{ truth_file_or_empty('order_line_regret', [
        ('line_item_id', 'bigint'),
        ('order_id', 'bigint'),
        ('regret_probability', 'double'),
        ('regretted', 'boolean'),
        ('outcome', 'varchar'),
        ('outcome_at', 'timestamptz'),
        ('price_usd', 'double'),
        ('impulse_hours', 'double'),
        ('trend_stage_at_purchase', 'varchar'),
        ('is_creator_driven', 'boolean'),
        ('category', 'varchar'),
        ('creator_id', 'bigint'),
        ('channel', 'varchar'),
        ('regret_badge_treated', 'boolean'),
    ]) }}

),

final as (

    select
        line_item_id,
        order_id,
        regret_probability,
        regretted as is_regretted,
        outcome,
        cast(outcome_at at time zone 'UTC' as timestamp) as outcome_at,
        price_usd,
        impulse_hours,
        trend_stage_at_purchase,
        is_creator_driven,
        category,
        creator_id,
        channel,
        regret_badge_treated as is_regret_badge_treated
    from source_rows

)

select * from final
