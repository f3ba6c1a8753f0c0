with credits as (

    select * from {{ ref('fct_attribution_credits') }}

),

marketing_spend as (

    select * from {{ ref('int_marketing_spend_weekly') }}

),

creators as (

    select * from {{ ref('dim_creators') }}

),

model_credits as (

    -- revenue is credited to the week of the touch that earned it, the week its spend bought
    select
        {{ dbt.date_trunc('week', 'touched_at') }} as week_start,
        channel,
        creator_username,
        credit,
        attributed_revenue_usd
    from credits
    where model = '{{ var("budget_attribution_model") }}'

),

ad_channels as (

    select distinct channel
    from marketing_spend
    where spend_source = 'ads'

),

channel_revenue as (

    select
        cast(model_credits.week_start as date) as week_start,
        model_credits.channel as segment,
        sum(model_credits.credit) as attributed_conversions,
        sum(model_credits.attributed_revenue_usd) as attributed_revenue_usd
    from model_credits
    inner join ad_channels
        on model_credits.channel = ad_channels.channel
    group by cast(model_credits.week_start as date), model_credits.channel

),

creator_revenue as (

    select
        cast(model_credits.week_start as date) as week_start,
        'creator_tier_' || coalesce(creators.tier, 'untiered') as segment,
        sum(model_credits.credit) as attributed_conversions,
        sum(model_credits.attributed_revenue_usd) as attributed_revenue_usd
    from model_credits
    inner join creators
        on
            model_credits.creator_username = creators.creator_username
            and model_credits.channel = 'creator_' || creators.platform
    group by
        cast(model_credits.week_start as date),
        'creator_tier_' || coalesce(creators.tier, 'untiered')

),

segment_spend as (

    select
        cast(week_start as date) as week_start,
        case
            when spend_source = 'ads' then channel
            else 'creator_tier_' || creator_tier
        end as segment,
        case when spend_source = 'ads' then 'channel' else 'creator_tier' end as segment_kind,
        sum(spend_usd) as spend_usd
    from marketing_spend
    group by
        cast(week_start as date),
        case
            when spend_source = 'ads' then channel
            else 'creator_tier_' || creator_tier
        end,
        case when spend_source = 'ads' then 'channel' else 'creator_tier' end

),

revenue as (

    select * from channel_revenue
    union all
    select * from creator_revenue

),

weeks as (

    select week_start from segment_spend
    union
    select week_start from revenue

),

segments as (

    select distinct
        segment,
        segment_kind
    from segment_spend
    union
    select distinct
        segment,
        case when segment like 'creator_tier_%' then 'creator_tier' else 'channel' end
            as segment_kind
    from revenue

),

week_segments as (

    -- a dense week x segment grid: a week without spend or revenue is a zero, not a gap
    -- (mean weekly spend and the response curves need every week)
    select
        weeks.week_start,
        segments.segment,
        segments.segment_kind
    from weeks
    cross join segments

),

final as (

    select
        week_segments.week_start,
        week_segments.segment,
        week_segments.segment_kind,
        coalesce(segment_spend.spend_usd, 0) as spend_usd,
        coalesce(revenue.attributed_conversions, 0) as attributed_conversions,
        coalesce(revenue.attributed_revenue_usd, 0) as attributed_revenue_usd,
        '{{ var("budget_attribution_model") }}' as attribution_model
    from week_segments
    left join segment_spend
        on
            week_segments.week_start = segment_spend.week_start
            and week_segments.segment = segment_spend.segment
    left join revenue
        on
            week_segments.week_start = revenue.week_start
            and week_segments.segment = revenue.segment

)

select * from final
