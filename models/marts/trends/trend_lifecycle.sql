{%- set half_window = var('trend_smoothing_window_days') // 2 -%}

with hashtag_daily as (

    select * from {{ ref('int_hashtag_daily') }}

),

-- Centered moving average of search interest: one noisy day does not make a peak or a fade.
smoothed as (

    select
        hashtag,
        activity_date,
        post_count,
        view_count,
        avg(search_interest_0_100) over (
            partition by hashtag
            order by activity_date
            rows between {{ half_window }} preceding and {{ half_window }} following
        ) as smoothed_interest
    from hashtag_daily

),

window_bounds as (

    select
        min(activity_date) as window_start_date,
        max(activity_date) as window_end_date
    from hashtag_daily

),

peaks as (

    select
        hashtag,
        max(smoothed_interest) as peak_interest,
        min(smoothed_interest) as floor_interest,
        cast(sum(post_count) as bigint) as total_post_count,
        cast(sum(view_count) as bigint) as total_view_count
    from smoothed
    group by hashtag

),

peak_dates as (

    select
        smoothed.hashtag,
        min(smoothed.activity_date) as peak_date
    from smoothed
    inner join peaks
        on smoothed.hashtag = peaks.hashtag
    where smoothed.smoothed_interest = peaks.peak_interest
    group by smoothed.hashtag

),

emergence_dates as (

    select
        smoothed.hashtag,
        min(smoothed.activity_date) as emergence_date
    from smoothed
    inner join peaks
        on smoothed.hashtag = peaks.hashtag
    where smoothed.smoothed_interest > {{ var('trend_emergence_share_of_peak') }} * peaks.peak_interest
    group by smoothed.hashtag

),

decline_dates as (

    select
        smoothed.hashtag,
        min(smoothed.activity_date) as decline_date
    from smoothed
    inner join peaks
        on smoothed.hashtag = peaks.hashtag
    inner join peak_dates
        on smoothed.hashtag = peak_dates.hashtag
    where
        smoothed.activity_date > peak_dates.peak_date
        and smoothed.smoothed_interest < {{ var('trend_decline_share_of_peak') }} * peaks.peak_interest
    group by smoothed.hashtag

),

fade_dates as (

    select
        smoothed.hashtag,
        min(smoothed.activity_date) as fade_date
    from smoothed
    inner join peaks
        on smoothed.hashtag = peaks.hashtag
    inner join decline_dates
        on smoothed.hashtag = decline_dates.hashtag
    where
        smoothed.activity_date > decline_dates.decline_date
        and smoothed.smoothed_interest < {{ var('trend_fade_share_of_peak') }} * peaks.peak_interest
    group by smoothed.hashtag

),

milestones as (

    select
        peaks.hashtag,
        window_bounds.window_start_date,
        window_bounds.window_end_date,
        emergence_dates.emergence_date,
        peak_dates.peak_date,
        peaks.peak_interest,
        peaks.total_post_count,
        peaks.total_view_count,
        peaks.floor_interest >= {{ var('trend_evergreen_floor_share_of_peak') }} * peaks.peak_interest
            as is_evergreen,
        decline_dates.decline_date,
        fade_dates.fade_date
    from peaks
    cross join window_bounds
    inner join peak_dates
        on peaks.hashtag = peak_dates.hashtag
    inner join emergence_dates
        on peaks.hashtag = emergence_dates.hashtag
    left join decline_dates
        on peaks.hashtag = decline_dates.hashtag
    left join fade_dates
        on peaks.hashtag = fade_dates.hashtag

),

-- An evergreen hashtag has no lifecycle: its dips are seasonal, not a decline.
lifecycle as (

    select
        hashtag,
        window_start_date,
        window_end_date,
        emergence_date,
        peak_date,
        peak_interest,
        total_post_count,
        total_view_count,
        is_evergreen,
        case when not is_evergreen then decline_date end as decline_date,
        case when not is_evergreen then fade_date end as fade_date
    from milestones

),

staged as (

    select
        *,
        case
            when is_evergreen then 'evergreen'
            when fade_date is not null then 'faded'
            when decline_date is not null then 'declining'
            when
                peak_date > {{ dbt.dateadd('day', -var('trend_peak_confirmation_days'), 'window_end_date') }}
                then 'emerging'
            else 'peaking'
        end as current_stage
    from lifecycle

),

final as (

    select
        hashtag,
        emergence_date,
        peak_date,
        decline_date,
        fade_date,
        {{ dbt.datediff(
            'emergence_date',
            'coalesce(fade_date, ' ~ dbt.dateadd('day', 1, 'window_end_date') ~ ')',
            'day'
        ) }}
            as lifespan_days,
        emergence_date > window_start_date as is_emergence_observed,
        fade_date is not null and emergence_date > window_start_date as is_lifecycle_complete,
        is_evergreen,
        current_stage,
        cast(peak_interest as double) as peak_interest_0_100,
        total_post_count,
        total_view_count,
        window_end_date as data_end_date
    from staged

)

select * from final
