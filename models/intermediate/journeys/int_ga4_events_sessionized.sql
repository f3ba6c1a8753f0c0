{#- Incremental table, not a view as intermediate models are by default: grouping every event into
    sessions is the heaviest step after parsing GA4. A run recomputes only the sessions that have
    an event in the last `incremental_lookback_days` (plus one day: event dates are in the
    property's time zone, session times in UTC) before the latest session already built, each
    from all its events (delete+insert on `touchpoint_id`); `base_ga4__events` re-reads the
    same days. Paths span days, but they are assigned downstream from these sessions in full. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='touchpoint_id',
) }}

-- The events are read twice, never held: sessions are grouped from a few narrow columns, and the
-- wide traffic columns are then read for each session's traffic event only. (One import CTE read
-- twice would be stored whole by DuckDB, with every column: at scale 10 that spilled to disk, and
-- even with memory to spare it is a third slower.)
with events_for_sessions as (

    select
        event_id,
        user_pseudo_id,
        ga_session_id,
        event_name,
        event_at,
        transaction_id
    from {{ ref('stg_ga4__events') }}

),

{% if is_incremental() %}
events_for_recent_sessions as (

    select
        user_pseudo_id,
        ga_session_id,
        event_date
    from {{ ref('stg_ga4__events') }}

),

{% endif %}
events_for_traffic as (

    select * from {{ ref('stg_ga4__events') }}

),

events as (

    select events_for_sessions.*
    from events_for_sessions
    {% if is_incremental() %}
        inner join (
            -- the sessions with an event on a day that may have been re-read
            select distinct
                user_pseudo_id,
                ga_session_id
            from events_for_recent_sessions
            where event_date >= (
                -- an empty table (no GA4 data yet) recomputes everything
                select
                    coalesce(
                        cast(
                            {{ dbt.dateadd('day', -(var('incremental_lookback_days') + 1), 'max(ended_at)') }}
                            as date
                        ),
                        cast('{{ var("earliest_valid_date") }}' as date)
                    )
                from {{ this }}
            )
        ) as recent_sessions
            on
                events_for_sessions.user_pseudo_id = recent_sessions.user_pseudo_id
                and events_for_sessions.ga_session_id is not distinct from recent_sessions.ga_session_id
    {% endif %}

),

session_times as (

    -- the session's traffic comes from its session_start event; a session whose session_start
    -- was lost (quarantined line) takes it from its earliest event instead (aggregates, not a
    -- window: a window over a million small partitions is several times slower)
    select
        user_pseudo_id,
        ga_session_id,
        user_pseudo_id || '-' || cast(ga_session_id as varchar) as touchpoint_id,
        coalesce(
            arg_min(event_id, case when event_name = 'session_start' then event_at end),
            arg_min(event_id, event_at)
        ) as traffic_event_id,
        min(event_at) as started_at,
        max(event_at) as ended_at,
        count(*) as event_count,
        max(case when event_name = 'session_start' then 1 else 0 end) = 1 as has_session_start,
        count(distinct case when event_name = 'purchase' then transaction_id end) as purchase_count,
        min(case when event_name = 'purchase' then transaction_id end) as transaction_id,
        min(case when event_name = 'purchase' then event_at end) as purchased_at
    from events
    group by user_pseudo_id, ga_session_id

),

traffic_events as (

    select
        session_times.touchpoint_id,
        session_times.user_pseudo_id,
        session_times.ga_session_id,
        session_times.started_at,
        session_times.ended_at,
        session_times.event_count,
        session_times.has_session_start,
        session_times.purchase_count,
        session_times.transaction_id,
        session_times.purchased_at,
        traffic_event.page_location,
        traffic_event.page_referrer,
        traffic_event.device_category,
        traffic_event.geo_country,
        lower(
            coalesce(traffic_event.source, traffic_event.manual_source, traffic_event.page_utm_source)
        ) as tagged_source,
        lower(
            coalesce(traffic_event.medium, traffic_event.manual_medium, traffic_event.page_utm_medium)
        ) as tagged_medium,
        coalesce(traffic_event.campaign, traffic_event.manual_campaign, traffic_event.page_utm_campaign) as campaign,
        coalesce(
            traffic_event.content, traffic_event.manual_content, traffic_event.page_utm_content
        ) as content,  -- noqa: RF04
        coalesce(traffic_event.term, traffic_event.manual_term, traffic_event.page_utm_term) as term,
        coalesce(traffic_event.gclid, {{ url_query_param('traffic_event.page_location', 'gclid') }}) as gclid,
        -- referring host without `www.` (GA4's source of an untagged referral)
        nullif(
            regexp_replace(
                lower(regexp_extract(traffic_event.page_referrer, '^[a-z]+://([^/?#:]+)', 1)), '^www\.', ''
            ),
            ''
        ) as referrer_host
    from session_times
    inner join events_for_traffic as traffic_event
        on session_times.traffic_event_id = traffic_event.event_id

),

traffic_resolved as (

    select
        *,
        case
            when tagged_source is not null or tagged_medium is not null
                then coalesce(tagged_source, '(not set)')
            when gclid is not null then 'google'
            when regexp_full_match(coalesce(referrer_host, ''), '{{ var("journeys_search_engine_host_pattern") }}')
                then regexp_extract(referrer_host, '{{ var("journeys_search_engine_host_pattern") }}', 1)
            when referrer_host is not null then referrer_host
            else '(direct)'
        end as source,  -- noqa: RF04
        case
            when tagged_source is not null or tagged_medium is not null
                then coalesce(tagged_medium, '(not set)')
            when gclid is not null then 'cpc'
            when regexp_full_match(coalesce(referrer_host, ''), '{{ var("journeys_search_engine_host_pattern") }}')
                then 'organic'
            when referrer_host is not null then 'referral'
            else '(none)'
        end as medium
    from traffic_events

),

final as (

    select
        traffic_resolved.touchpoint_id,
        traffic_resolved.user_pseudo_id,
        traffic_resolved.ga_session_id,
        traffic_resolved.started_at,
        traffic_resolved.ended_at,
        traffic_resolved.event_count,
        traffic_resolved.has_session_start,
        traffic_resolved.source,
        traffic_resolved.medium,
        traffic_resolved.campaign,
        traffic_resolved.content,
        traffic_resolved.term,
        traffic_resolved.gclid is not null as has_gclid,
        traffic_resolved.page_referrer,
        coalesce(
            nullif(regexp_extract(traffic_resolved.page_location, '^[a-z]+://[^/?#]+(/[^?#]*)', 1), ''), '/'
        ) as landing_page_path,
        traffic_resolved.device_category,
        traffic_resolved.geo_country,
        traffic_resolved.purchase_count > 0 as has_purchase,
        traffic_resolved.purchase_count,
        traffic_resolved.transaction_id,
        traffic_resolved.purchased_at
    from traffic_resolved

)

select * from final
