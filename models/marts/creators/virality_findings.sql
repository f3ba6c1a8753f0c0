{%- set ci_z = var('creators_findings_ci_z') -%}
{%- set ci_label = '95% CI' if ci_z == 1.96 else 'CI at z = ' ~ ci_z -%}
{#- printf needs a literal % doubled -#}
{%- set ci_label_printf = ci_label | replace('%', '%%') -%}

with posts as (

    select * from {{ ref('fct_posts') }}

),

creators as (

    select * from {{ ref('dim_creators') }}

),

daily_growth as (

    select * from {{ ref('fct_creator_daily_growth') }}

),

conversions as (

    select * from {{ ref('int_creator_conversions_attributed') }}

),

posts_with_views as (

    select
        post_id,
        creator_platform_id,
        creator_username,
        posted_at,
        view_count,
        like_count,
        follower_count_at_post,
        engagement_rate_by_views,
        is_viral
    from posts
    where view_count > 0 and engagement_rate_by_views is not null

),

account_engagement as (

    -- one value per account: the mean engagement rate of its posts (posts of one creator are
    -- not independent, so the account is the sampling unit)
    select
        creator_platform_id,
        avg(engagement_rate_by_views) as engagement_rate_by_views
    from posts_with_views
    group by creator_platform_id

),

account_growth as (

    -- the median day: robust to a month of bought followers, which would swamp a mean
    select
        creator_platform_id,
        median(growth_rate) as growth_rate
    from daily_growth
    where growth_rate is not null
    group by creator_platform_id

),

accounts as (

    select
        creators.creator_platform_id,
        creators.tier,
        creators.is_verified,
        creators.region_code,
        account_engagement.engagement_rate_by_views,
        account_growth.growth_rate,
        -- growth against the account's tier mean: verification concentrates in large accounts,
        -- which grow slower in relative terms, so verified vs unverified is compared at equal tier
        account_growth.growth_rate
        - avg(account_growth.growth_rate) over (partition by creators.tier) as growth_rate_vs_tier
    from creators
    left join account_engagement
        on creators.creator_platform_id = account_engagement.creator_platform_id
    left join account_growth
        on creators.creator_platform_id = account_growth.creator_platform_id

),

posting_slots as (

    select
        post_id,
        engagement_rate_by_views,
        dayname(posted_at) || ' ' || lpad(cast(extract(hour from posted_at) as varchar), 2, '0')
        || ':00 UTC' as posting_slot
    from posts_with_views

),

slot_means as (

    select
        posting_slot,
        count(*) as post_count,
        avg(engagement_rate_by_views) as mean_engagement_rate
    from posting_slots
    group by posting_slot
    having count(*) >= {{ var('creators_findings_min_posts_per_slot') }}

),

top_slot as (

    select posting_slot
    from slot_means
    order by mean_engagement_rate desc, posting_slot asc
    limit 1

),

region_means as (

    select
        region_code,
        avg(growth_rate) as mean_growth_rate
    from accounts
    where region_code is not null and growth_rate is not null
    group by region_code
    having count(*) >= {{ var('creators_findings_min_accounts_per_region') }}

),

top_region as (

    select region_code
    from region_means
    order by mean_growth_rate desc, region_code asc
    limit 1

),

two_group_samples as (

    -- every two-group comparison as (finding, side, group label, one observation)
    select
        'engagement_mid_vs_celebrity' as finding_id,
        case when tier = '{{ var("creators_findings_mid_tier") }}' then 'a' else 'b' end as side,
        tier as group_name,
        engagement_rate_by_views as observed_value
    from accounts
    where
        tier in ('{{ var("creators_findings_mid_tier") }}', '{{ var("creators_findings_celebrity_tier") }}')
        and engagement_rate_by_views is not null

    union all

    select
        'growth_verified_vs_unverified' as finding_id,
        case when is_verified then 'a' else 'b' end as side,
        case when is_verified then 'verified' else 'unverified' end as group_name,
        growth_rate_vs_tier as observed_value
    from accounts
    where is_verified is not null and growth_rate_vs_tier is not null

    union all

    select
        'best_posting_slot' as finding_id,
        case when posting_slots.posting_slot = top_slot.posting_slot then 'a' else 'b' end as side,
        case
            when posting_slots.posting_slot = top_slot.posting_slot then top_slot.posting_slot
            else 'all other slots'
        end as group_name,
        posting_slots.engagement_rate_by_views as observed_value
    from posting_slots
    cross join top_slot

    union all

    select
        'fastest_growing_region' as finding_id,
        case when accounts.region_code = top_region.region_code then 'a' else 'b' end as side,
        case
            when accounts.region_code = top_region.region_code then top_region.region_code
            else 'all other regions'
        end as group_name,
        accounts.growth_rate as observed_value
    from accounts
    cross join top_region
    where accounts.region_code is not null and accounts.growth_rate is not null

),

two_group_stats as (

    select
        finding_id,
        max(case when side = 'a' then group_name end) as group_a,
        max(case when side = 'b' then group_name end) as group_b,
        avg(case when side = 'a' then observed_value end) as value_a,
        avg(case when side = 'b' then observed_value end) as value_b,
        var_samp(case when side = 'a' then observed_value end) as variance_a,
        var_samp(case when side = 'b' then observed_value end) as variance_b,
        count(case when side = 'a' then observed_value end) as n_a,
        count(case when side = 'b' then observed_value end) as n_b
    from two_group_samples
    group by finding_id

),

welch as (

    -- Welch's unequal-variance difference of means, normal approximation
    select
        *,
        value_a - value_b as effect_size,
        sqrt(variance_a / n_a + variance_b / n_b) as standard_error
    from two_group_stats

),

welch_findings as (

    select
        finding_id,
        group_a,
        group_b,
        value_a,
        value_b,
        effect_size,
        effect_size - {{ ci_z }} * standard_error as ci_low,
        effect_size + {{ ci_z }} * standard_error as ci_high,
        n_a,
        n_b,
        {{ creators_two_sided_p_value('effect_size / nullif(standard_error, 0)') }} as p_value
    from welch

),

viral_baseline_accounts as (

    -- only accounts with a viral baseline can have viral posts (the viral rule)
    select creator_platform_id
    from posts_with_views
    group by creator_platform_id
    having count(*) >= {{ var('creators_viral_min_posts') }}

),

viral_correlations as (

    -- point-biserial correlations of each predictor with is_viral, and between the predictors
    select
        corr(posts_with_views.engagement_rate_by_views, case when posts_with_views.is_viral then 1.0 else 0.0 end)
            as r_engagement,
        corr(posts_with_views.follower_count_at_post, case when posts_with_views.is_viral then 1.0 else 0.0 end)
            as r_followers,
        corr(posts_with_views.engagement_rate_by_views, posts_with_views.follower_count_at_post)
            as r_predictors,
        count(*) as post_count
    from posts_with_views
    inner join viral_baseline_accounts
        on posts_with_views.creator_platform_id = viral_baseline_accounts.creator_platform_id
    where posts_with_views.follower_count_at_post is not null

),

viral_oriented as (

    -- strength is |r|: orient each predictor so that its correlation is positive, with its
    -- Fisher-z interval, and flip the predictors' correlation accordingly
    select
        r_engagement,
        r_followers,
        post_count,
        abs(r_engagement) as strength_engagement,
        abs(r_followers) as strength_followers,
        tanh(atanh(least(abs(r_engagement), 0.999999)) - {{ ci_z }} / sqrt(post_count - 3)) as low_engagement,
        tanh(atanh(least(abs(r_engagement), 0.999999)) + {{ ci_z }} / sqrt(post_count - 3)) as high_engagement,
        tanh(atanh(least(abs(r_followers), 0.999999)) - {{ ci_z }} / sqrt(post_count - 3)) as low_followers,
        tanh(atanh(least(abs(r_followers), 0.999999)) + {{ ci_z }} / sqrt(post_count - 3)) as high_followers,
        r_predictors
        * case when r_engagement >= 0 then 1 else -1 end
        * case when r_followers >= 0 then 1 else -1 end as r_predictors_oriented
    from viral_correlations
    where post_count > 3

),

viral_dependence as (

    -- correlation of the two correlation estimates (they share is_viral): Zou (2007), eq. 16
    select
        *,
        (
            (r_predictors_oriented - strength_engagement * strength_followers / 2)
            * (
                1 - power(strength_engagement, 2) - power(strength_followers, 2)
                - power(r_predictors_oriented, 2)
            )
            + power(r_predictors_oriented, 3)
        ) / nullif((1 - power(strength_engagement, 2)) * (1 - power(strength_followers, 2)), 0)
            as estimate_correlation
    from viral_oriented

),

viral_finding as (

    -- Zou's (2007) interval for the difference of two overlapping correlations
    select
        'viral_predictor_engagement_vs_followers' as finding_id,
        'engagement rate by views' as group_a,
        'followers at post time' as group_b,
        r_engagement as value_a,
        r_followers as value_b,
        strength_engagement - strength_followers as effect_size,
        strength_engagement - strength_followers - sqrt(greatest(
            0,
            power(strength_engagement - low_engagement, 2) + power(high_followers - strength_followers, 2)
            - 2 * estimate_correlation * (strength_engagement - low_engagement) * (high_followers - strength_followers)
        )) as ci_low,
        strength_engagement - strength_followers + sqrt(greatest(
            0,
            power(high_engagement - strength_engagement, 2) + power(strength_followers - low_followers, 2)
            - 2 * estimate_correlation * (high_engagement - strength_engagement) * (strength_followers - low_followers)
        )) as ci_high,
        post_count as n_a,
        post_count as n_b,
        cast(null as double) as p_value
    from viral_dependence

),

creator_totals as (

    select
        posts_with_views.creator_username,
        sum(posts_with_views.view_count) as view_count,
        sum(posts_with_views.like_count) as like_count,
        max(conversions.attributed_order_count) as conversion_count
    from posts_with_views
    inner join conversions
        on posts_with_views.creator_username = conversions.creator_username
    group by posts_with_views.creator_username

),

creator_ranks as (

    -- average ranks (ties share the mean of their positions), for Spearman's rho
    select
        rank() over (order by view_count) + (count(*) over (partition by view_count) - 1) / 2.0 as view_rank,
        rank() over (order by like_count) + (count(*) over (partition by like_count) - 1) / 2.0 as like_rank,
        rank() over (order by conversion_count)
        + (count(*) over (partition by conversion_count) - 1) / 2.0 as conversion_rank
    from creator_totals

),

spearman as (

    select
        'correlation_views_likes' as finding_id,
        'views' as group_a,
        'likes' as group_b,
        corr(view_rank, like_rank) as rho,
        count(*) as creator_count
    from creator_ranks

    union all

    select
        'correlation_views_conversions' as finding_id,
        'views' as group_a,
        'conversions' as group_b,
        corr(view_rank, conversion_rank) as rho,
        count(*) as creator_count
    from creator_ranks

    union all

    select
        'correlation_likes_conversions' as finding_id,
        'likes' as group_a,
        'conversions' as group_b,
        corr(like_rank, conversion_rank) as rho,
        count(*) as creator_count
    from creator_ranks

),

spearman_fisher as (

    -- Fisher z with the Fieller-Hartley-Pearson variance of Spearman's rho, 1.06 / (n - 3)
    select
        *,
        atanh(greatest(-0.999999, least(0.999999, rho))) as fisher_z,
        sqrt(1.06 / (creator_count - 3)) as standard_error
    from spearman
    where creator_count > 3 and rho is not null

),

correlation_findings as (

    select
        finding_id,
        group_a,
        group_b,
        cast(null as double) as value_a,
        cast(null as double) as value_b,
        rho as effect_size,
        tanh(fisher_z - {{ ci_z }} * standard_error) as ci_low,
        tanh(fisher_z + {{ ci_z }} * standard_error) as ci_high,
        creator_count as n_a,
        creator_count as n_b,
        {{ creators_two_sided_p_value('fisher_z / standard_error') }} as p_value
    from spearman_fisher

),

all_findings as (

    select * from welch_findings
    union all
    select * from viral_finding
    union all
    select * from correlation_findings

),

described as (

    select
        all_findings.*,
        coalesce(all_findings.ci_low > 0 or all_findings.ci_high < 0, false) as is_significant,
        case all_findings.finding_id
            when 'engagement_mid_vs_celebrity'
                then 'Do mid-tier creators get a higher engagement rate than celebrity (mega) creators?'
            when 'growth_verified_vs_unverified'
                then 'How much faster do verified creator accounts grow than unverified ones?'
            when 'viral_predictor_engagement_vs_followers'
                then 'Is engagement rate a stronger predictor of a viral post than follower count?'
            when 'best_posting_slot'
                then 'Which posting hour and weekday gets the highest engagement rate?'
            when 'correlation_views_likes'
                then 'How closely do a creator''s views and likes go together?'
            when 'correlation_views_conversions'
                then 'How closely do a creator''s views and attributed orders go together?'
            when 'correlation_likes_conversions'
                then 'How closely do a creator''s likes and attributed orders go together?'
            when 'fastest_growing_region'
                then 'Which creator region grows fastest?'
        end as question,
        case
            when all_findings.finding_id in ('engagement_mid_vs_celebrity', 'best_posting_slot')
                then 'difference in mean engagement rate by views (fraction)'
            when all_findings.finding_id = 'growth_verified_vs_unverified'
                then 'difference in mean of median daily growth rate above the tier mean (fraction per day)'
            when all_findings.finding_id = 'fastest_growing_region'
                then 'difference in mean (over accounts) of median daily growth rate (fraction per day)'
            when all_findings.finding_id = 'viral_predictor_engagement_vs_followers'
                then 'difference in absolute point-biserial correlation with is_viral'
            else 'Spearman rank correlation'
        end as metric,
        case
            when
                all_findings.finding_id in (
                    'engagement_mid_vs_celebrity', 'best_posting_slot',
                    'growth_verified_vs_unverified', 'fastest_growing_region'
                )
                then 'welch_normal'
            when all_findings.finding_id = 'viral_predictor_engagement_vs_followers'
                then 'zou_correlation_difference'
            else 'spearman_fisher_z'
        end as estimation_method,
        case
            when all_findings.finding_id in ('best_posting_slot', 'viral_predictor_engagement_vs_followers')
                then 'post'
            when all_findings.finding_id like 'correlation_%' then 'creator'
            else 'account'
        end as sample_unit
    from all_findings

),

final as (

    select
        *,
        -- a sentence from the numbers; printf gives null when a number is unknown (too few data)
        coalesce(case
            when finding_id = 'engagement_mid_vs_celebrity'
                then printf(
                    'Mid-tier creators engage %.1f points %s than %s creators (%.1f%% vs %.1f%% of views; '
                    || '{{ ci_label_printf }} %.1f to %.1f points; %d vs %d accounts).',
                    100 * abs(effect_size), case when effect_size >= 0 then 'more' else 'less' end, group_b,
                    100 * value_a, 100 * value_b, 100 * ci_low, 100 * ci_high, n_a, n_b
                )
            when finding_id = 'growth_verified_vs_unverified'
                then printf(
                    'At equal tier, verified accounts grow %.3f points a day %s than unverified ones '
                    || '(about %.1f points a year; {{ ci_label_printf }} %.3f to %.3f points a day; '
                    || '%d vs %d accounts).',
                    100 * abs(effect_size), case when effect_size >= 0 then 'faster' else 'slower' end,
                    36500 * abs(effect_size), 100 * ci_low, 100 * ci_high, n_a, n_b
                )
            when finding_id = 'viral_predictor_engagement_vs_followers'
                then printf(
                    'Engagement rate correlates with going viral at r = %.2f, follower count at r = %.2f: '
                    || 'engagement is %s predictor by %.2f in |r| ({{ ci_label_printf }} %.2f to %.2f; %d posts).',
                    value_a, value_b, case when effect_size >= 0 then 'the stronger' else 'the weaker' end,
                    abs(effect_size), ci_low, ci_high, n_a
                )
            when finding_id = 'best_posting_slot'
                then printf(
                    'Posts on %s engage %.1f points %s than posts at other times (%.1f%% vs %.1f%%; '
                    || '{{ ci_label_printf }} %.1f to %.1f points; %d posts).',
                    group_a, 100 * abs(effect_size), case when effect_size >= 0 then 'more' else 'less' end,
                    100 * value_a, 100 * value_b, 100 * ci_low, 100 * ci_high, n_a
                )
            when finding_id = 'fastest_growing_region'
                then printf(
                    'Creators in %s grow %.3f points a day %s than creators elsewhere '
                    || '({{ ci_label_printf }} %.3f to %.3f; %d vs %d accounts).',
                    group_a, 100 * abs(effect_size), case when effect_size >= 0 then 'faster' else 'slower' end,
                    100 * ci_low, 100 * ci_high, n_a, n_b
                )
            else printf(
                'Across %d creators, %s and %s have a rank correlation of %.2f ({{ ci_label_printf }} %.2f to %.2f).',
                n_a, group_a, group_b, effect_size, ci_low, ci_high
            )
        end, printf(
            'Too few observations to estimate this: %d in %s and %d in %s.',
            n_a, coalesce(group_a, 'the first group'), n_b, coalesce(group_b, 'the second group')
        )) as finding_text
    from described

)

select
    finding_id,
    question,
    metric,
    estimation_method,
    sample_unit,
    group_a,
    group_b,
    value_a,
    value_b,
    effect_size,
    ci_low,
    ci_high,
    n_a,
    n_b,
    p_value,
    is_significant,
    finding_text
from final
