with source_rows as (

    {{ truth_file_or_empty('order_journeys', [
        ('order_id', 'bigint'),
        ('customer_id', 'bigint'),
        ('is_repeat_customer', 'boolean'),
        ('user_pseudo_id', 'varchar'),
        ('is_tracked', 'boolean'),
        ('first_touch_at', 'timestamptz'),
        ('ordered_at', 'timestamptz'),
        ('conversion_probability', 'double'),
        ('touchpoints', 'integer'),
        ('first_touch_channel', 'varchar'),
        ('last_touch_channel', 'varchar'),
        ('channel_path', 'varchar'),
    ]) }}

),

final as (

    select
        order_id,
        customer_id,
        is_repeat_customer,
        user_pseudo_id,
        is_tracked,
        -- the files hold UTC instants; the warehouse keeps UTC as plain timestamps
        timezone('UTC', first_touch_at) as first_touch_at,
        timezone('UTC', ordered_at) as ordered_at,
        conversion_probability,
        touchpoints as touchpoint_count,
        first_touch_channel,
        last_touch_channel,
        channel_path
    from source_rows

)

select * from final
