with interest as (

    select * from {{ ref('stg_trends__interest_over_time') }}
    where interest_period = 'day'

),

videos as (

    select * from {{ ref('stg_tiktok__videos') }}

),

media as (

    select * from {{ ref('stg_instagram__media') }}

),

-- A term downloaded in more than one file has one scale per file: keep the first file.
followed_hashtags as (

    select
        lower(search_term) as hashtag,
        min(source_file) as source_file
    from interest
    group by lower(search_term)

),

daily_interest as (

    select
        followed_hashtags.hashtag,
        interest.interest_date as activity_date,
        max(interest.interest_0_100) as search_interest_0_100
    from interest
    inner join followed_hashtags
        on
            lower(interest.search_term) = followed_hashtags.hashtag
            and interest.source_file = followed_hashtags.source_file
    group by followed_hashtags.hashtag, interest.interest_date

),

tiktok_video_hashtags as (

    select
        video_id as post_id,
        cast(posted_at as date) as activity_date,
        view_count,
        lower(unnest(hashtags)) as hashtag
    from videos

),

instagram_media_hashtags as (

    select
        media_id as post_id,
        cast(posted_at as date) as activity_date,
        view_count,
        unnest({{ extract_hashtags('caption') }}) as hashtag
    from media

),

-- A post naming the same hashtag twice counts once.
post_hashtags as (

    select distinct
        'tiktok' as platform,
        post_id,
        activity_date,
        view_count,
        hashtag
    from tiktok_video_hashtags
    union all
    select distinct
        'instagram' as platform,
        post_id,
        activity_date,
        view_count,
        hashtag
    from instagram_media_hashtags

),

daily_posts as (

    select
        post_hashtags.hashtag,
        post_hashtags.activity_date,
        count(*) as post_count,
        count(*) filter (where post_hashtags.platform = 'tiktok') as tiktok_post_count,
        count(*) filter (where post_hashtags.platform = 'instagram') as instagram_post_count,
        coalesce(sum(post_hashtags.view_count), 0) as view_count
    from post_hashtags
    inner join followed_hashtags
        on post_hashtags.hashtag = followed_hashtags.hashtag
    group by post_hashtags.hashtag, post_hashtags.activity_date

),

window_bounds as (

    select
        min(activity_date) as window_start_date,
        max(activity_date) as window_end_date
    from daily_interest

),

days as (

    {{ trends_day_spine(
        '(select window_start_date from window_bounds)',
        '(select window_end_date from window_bounds)'
    ) }}

),

hashtag_days as (

    select
        followed_hashtags.hashtag,
        days.date_day as activity_date
    from followed_hashtags
    cross join days

),

final as (

    select
        hashtag_days.hashtag,
        hashtag_days.activity_date,
        coalesce(daily_posts.post_count, 0) as post_count,
        coalesce(daily_posts.tiktok_post_count, 0) as tiktok_post_count,
        coalesce(daily_posts.instagram_post_count, 0) as instagram_post_count,
        coalesce(daily_posts.view_count, 0) as view_count,
        coalesce(daily_interest.search_interest_0_100, 0) as search_interest_0_100,
        daily_interest.search_interest_0_100 is not null as has_search_interest
    from hashtag_days
    left join daily_posts
        on
            hashtag_days.hashtag = daily_posts.hashtag
            and hashtag_days.activity_date = daily_posts.activity_date
    left join daily_interest
        on
            hashtag_days.hashtag = daily_interest.hashtag
            and hashtag_days.activity_date = daily_interest.activity_date

)

select * from final
