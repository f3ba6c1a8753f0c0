with sessions as (

    select * from {{ ref('int_ga4_events_sessionized') }}

),

channel_rules as (

    select * from {{ ref('channel_grouping') }}

),

orders as (

    select * from {{ ref('int_orders_matched_to_ga4') }}

),

source_mediums as (

    -- rules are matched once per distinct source / medium pair, not once per session
    select distinct
        source,
        medium
    from sessions

),

rule_matches as (

    select
        source_mediums.source,
        source_mediums.medium,
        channel_rules.channel_group,
        channel_rules.channel,
        row_number() over (
            partition by source_mediums.source, source_mediums.medium
            order by channel_rules.rule_order asc
        ) as match_rank
    from source_mediums
    inner join channel_rules
        on
            regexp_full_match(source_mediums.source, channel_rules.source_pattern)
            and regexp_full_match(source_mediums.medium, channel_rules.medium_pattern)

),

final as (

    select
        sessions.touchpoint_id,
        sessions.user_pseudo_id,
        sessions.ga_session_id,
        sessions.started_at,
        sessions.ended_at,
        sessions.source,
        sessions.medium,
        sessions.campaign,
        sessions.content,
        sessions.term,
        coalesce(rule_matches.channel_group, 'other') as channel_group,
        coalesce(rule_matches.channel, 'other') as channel,
        case
            when rule_matches.channel_group = 'creator'
                then coalesce(lower(sessions.content), orders.promo_code_creator_username)
        end as creator_username,
        sessions.landing_page_path,
        sessions.device_category,
        sessions.geo_country,
        sessions.has_purchase,
        sessions.transaction_id
    from sessions
    left join rule_matches
        on
            sessions.source = rule_matches.source
            and sessions.medium = rule_matches.medium
            and rule_matches.match_rank = 1
    left join orders
        on sessions.transaction_id = orders.order_id

)

select * from final
