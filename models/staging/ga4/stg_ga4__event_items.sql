{#- A view, not a table like the rest of staging: `base_ga4__events` is incremental, and a view
    over it is always exactly its staged (or rejected) rows, at no cost per run. -#}
{{ config(materialized='view') }}

with base_events as (

    select * from {{ ref('base_ga4__events') }}
    where is_staged

),

items_unnested as (

    select
        event_id,
        event_name,
        event_at,
        user_pseudo_id,
        transaction_id,
        unnest(items) as item,
        unnest(generate_series(1, len(items))) as item_position
    from base_events

),

final as (

    select
        event_id,
        item_position,
        event_name,
        event_at,
        user_pseudo_id,
        transaction_id,
        nullif(trim(item['item_id']), '') as variant_id,
        {{ safe_cast_money("item['price']") }} as item_price,
        {{ safe_cast_integer("item['quantity']") }} as quantity
    from items_unnested

)

select * from final
