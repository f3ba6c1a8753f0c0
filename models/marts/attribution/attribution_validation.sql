-- Truth is read here only to score the models; it is never a feature of any model.
with channel_attribution as (

    select * from {{ ref('channel_attribution') }}

),

conversion_paths as (

    select * from {{ ref('fct_conversion_paths') }}

),

true_journeys as (

    select * from {{ ref('stg_truth__order_journeys') }}

),

true_channel_effects as (

    select * from {{ ref('stg_truth__channel_effects') }}

),

true_touches as (

    -- the generator's channel path of every conversion the warehouse attributes, one row per
    -- touch
    select
        true_journeys.order_id,
        unnest(string_split(true_journeys.channel_path, ' > ')) as channel
    from true_journeys
    inner join conversion_paths
        on true_journeys.order_id = conversion_paths.conversion_id
    where true_journeys.channel_path is not null

),

touch_log_survival as (

    -- ln(1 - hazard) of each touch: the generator converts a journey with
    -- P = 1 - (1 - baseline) x prod over its touches (1 - hazard of the touch's channel)
    select
        true_touches.order_id,
        true_touches.channel,
        ln(1 - true_channel_effects.true_hazard_per_touch) as log_survival
    from true_touches
    inner join true_channel_effects
        on true_touches.channel = true_channel_effects.channel

),

baseline as (

    select ln(1 - true_hazard_per_touch) as log_survival
    from true_channel_effects
    where channel = 'baseline'

),

order_survival as (

    select
        touch_log_survival.order_id,
        sum(touch_log_survival.log_survival) + max(baseline.log_survival) as log_survival
    from touch_log_survival
    cross join baseline
    group by touch_log_survival.order_id

),

order_channel_survival as (

    select
        order_id,
        channel,
        sum(log_survival) as log_survival
    from touch_log_survival
    group by order_id, channel

),

true_incremental as (

    -- a conversion would not have happened without the channel with probability
    -- 1 - P(convert without the channel's touches) / P(convert with them); summed over the
    -- conversions, the channel's true incremental conversions
    select
        order_channel_survival.channel,
        sum(
            1 - (1 - exp(order_survival.log_survival - order_channel_survival.log_survival))
            / (1 - exp(order_survival.log_survival))
        ) as true_incremental_conversions
    from order_channel_survival
    inner join order_survival
        on order_channel_survival.order_id = order_survival.order_id
    group by order_channel_survival.channel

),

true_shares as (

    select
        channel,
        true_incremental_conversions,
        true_incremental_conversions
        / sum(true_incremental_conversions) over () as true_incremental_share
    from true_incremental

),

compared as (

    select
        channel_attribution.model,
        channel_attribution.channel,
        channel_attribution.conversion_share as attributed_share,
        true_shares.true_incremental_conversions,
        true_shares.true_incremental_share
    from channel_attribution
    inner join true_shares
        on channel_attribution.channel = true_shares.channel

),

ranked as (

    -- average ranks (ties share the mean of their positions) for the rank correlation
    select
        *,
        rank() over (partition by model order by attributed_share)
        + (count(*) over (partition by model, attributed_share) - 1) / 2.0 as attributed_rank,
        rank() over (partition by model order by true_incremental_share)
        + (count(*) over (partition by model, true_incremental_share) - 1) / 2.0 as true_rank
    from compared

),

final as (

    select
        model,
        channel,
        attributed_share,
        true_incremental_conversions,
        true_incremental_share,
        attributed_share - true_incremental_share as share_error,
        abs(attributed_share - true_incremental_share) as abs_share_error,
        attributed_rank,
        true_rank
    from ranked

)

select * from final
