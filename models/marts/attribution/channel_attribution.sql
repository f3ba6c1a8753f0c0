with credits as (

    select * from {{ ref('fct_attribution_credits') }}

),

attribution_models as (

    select * from {{ ref('attribution_models') }}

),

marketing_spend as (

    select * from {{ ref('int_marketing_spend_weekly') }}

),

channel_grouping as (

    select * from {{ ref('channel_grouping') }}

),

channel_groups as (

    select distinct
        channel,
        channel_group
    from channel_grouping

),

credits_by_channel as (

    select
        model,
        channel,
        sum(credit) as attributed_conversions,
        sum(attributed_revenue_usd) as attributed_revenue_usd,
        count(distinct conversion_id) as conversions_touched
    from credits
    group by model, channel

),

model_totals as (

    select
        model,
        sum(credit) as total_conversions,
        sum(attributed_revenue_usd) as total_revenue_usd
    from credits
    group by model

),

spend_by_channel as (

    select
        channel,
        sum(spend_usd) as spend_usd
    from marketing_spend
    group by channel

),

channels as (

    select channel from credits_by_channel
    union
    select channel from spend_by_channel

),

model_channels as (

    -- every model x every channel with credit or spend, so that a channel one model ignores
    -- shows up with zero credit instead of going missing
    select
        model_totals.model,
        channels.channel
    from model_totals
    cross join channels

),

measured as (

    select
        model_channels.model,
        model_channels.channel,
        coalesce(credits_by_channel.attributed_conversions, 0) as attributed_conversions,
        coalesce(credits_by_channel.attributed_revenue_usd, 0) as attributed_revenue_usd,
        coalesce(credits_by_channel.conversions_touched, 0) as conversions_touched,
        model_totals.total_conversions,
        model_totals.total_revenue_usd,
        spend_by_channel.spend_usd
    from model_channels
    inner join model_totals
        on model_channels.model = model_totals.model
    left join credits_by_channel
        on
            model_channels.model = credits_by_channel.model
            and model_channels.channel = credits_by_channel.channel
    left join spend_by_channel
        on model_channels.channel = spend_by_channel.channel

),

shares as (

    select
        *,
        attributed_conversions / nullif(total_conversions, 0) as conversion_share,
        attributed_revenue_usd / nullif(total_revenue_usd, 0) as revenue_share
    from measured

),

last_touch as (

    select
        channel,
        conversion_share as last_touch_conversion_share
    from shares
    where model = 'last_touch'

),

final as (

    select
        shares.model,
        attribution_models.display_name as model_display_name,
        attribution_models.model_family,
        shares.channel,
        coalesce(channel_groups.channel_group, 'other') as channel_group,
        shares.attributed_conversions,
        shares.attributed_revenue_usd,
        shares.conversions_touched,
        shares.conversion_share,
        shares.revenue_share,
        last_touch.last_touch_conversion_share,
        shares.conversion_share
        - last_touch.last_touch_conversion_share as conversion_share_change_vs_last_touch,
        shares.spend_usd,
        shares.attributed_revenue_usd / nullif(shares.spend_usd, 0) as roas,
        shares.spend_usd / nullif(shares.attributed_conversions, 0) as cpa_usd,
        rank() over (
            partition by shares.model order by shares.attributed_conversions desc
        ) as channel_rank
    from shares
    inner join attribution_models
        on shares.model = attribution_models.model
    left join channel_groups
        on shares.channel = channel_groups.channel
    left join last_touch
        on shares.channel = last_touch.channel

)

select * from final
