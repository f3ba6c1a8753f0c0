with channel_attribution as (

    select * from {{ ref('channel_attribution') }}

),

attribution_validation as (

    select * from {{ ref('attribution_validation') }}

),

attribution_models as (

    select * from {{ ref('attribution_models') }}

),

per_model as (

    select
        model,
        sum(attributed_conversions) as attributed_conversions,
        sum(attributed_revenue_usd) as attributed_revenue_usd,
        sum(case when channel_group = 'creator' then conversion_share else 0 end)
            as creator_conversion_share,
        sum(case when channel_group in ('paid_social', 'paid_search') then conversion_share else 0 end)
            as paid_media_conversion_share,
        arg_max(channel, attributed_conversions) as top_channel
    from channel_attribution
    group by model

),

against_truth as (

    select
        model,
        corr(attributed_rank, true_rank) as spearman_vs_truth,
        avg(abs_share_error) as mean_abs_share_error_vs_truth,
        max(abs_share_error) as max_abs_share_error_vs_truth,
        count(*) as channels_compared
    from attribution_validation
    group by model

),

final as (

    select
        attribution_models.model,
        attribution_models.display_name as model_display_name,
        attribution_models.model_family,
        attribution_models.display_order,
        per_model.attributed_conversions,
        per_model.attributed_revenue_usd,
        per_model.top_channel,
        per_model.creator_conversion_share,
        per_model.paid_media_conversion_share,
        against_truth.spearman_vs_truth,
        against_truth.mean_abs_share_error_vs_truth,
        against_truth.max_abs_share_error_vs_truth,
        coalesce(against_truth.channels_compared, 0) as channels_compared,
        rank() over (
            order by against_truth.mean_abs_share_error_vs_truth nulls last
        ) as truth_error_rank
    from attribution_models
    inner join per_model
        on attribution_models.model = per_model.model
    left join against_truth
        on attribution_models.model = against_truth.model

)

select * from final
