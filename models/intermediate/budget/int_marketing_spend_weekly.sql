with ad_spend as (

    select * from {{ ref('stg_ads__daily_spend') }}

),

contracts as (

    select * from {{ ref('stg_creator_contracts__contracts') }}

),

posts as (

    select * from {{ ref('int_social_posts_unified') }}

),

post_products as (

    select * from {{ ref('int_creator_post_products') }}

),

accounts_tiered as (

    select * from {{ ref('int_creator_accounts_tiered') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

channel_grouping as (

    select * from {{ ref('channel_grouping') }}

),

ad_spend_usd as (

    select
        ad_spend.spend_date,
        ad_spend.platform,
        ad_spend.campaign_id,
        coalesce(lower(ad_spend.utm_source), '') as utm_source,
        coalesce(lower(ad_spend.utm_medium), '') as utm_medium,
        ad_spend.spend_amount * currency_rates.usd_per_unit as spend_usd
    from ad_spend
    inner join currency_rates
        on ad_spend.currency = currency_rates.currency_code

),

contract_fees as (

    -- end_date is not before start_date (staging), greatest() only guards the day spread
    select
        contracts.contract_id,
        contracts.brand_name,
        contracts.platform,
        contracts.creator_username,
        contracts.start_date,
        greatest(contracts.end_date, contracts.start_date) as end_date,
        greatest({{ dbt.datediff('contracts.start_date', 'contracts.end_date', 'day') }}, 0) + 1 as contract_day_count,
        contracts.fee_amount * currency_rates.usd_per_unit as fee_usd
    from contracts
    inner join currency_rates
        on contracts.currency = currency_rates.currency_code

),

post_brands as (

    select distinct
        post_id,
        brand_name
    from post_products
    where brand_name is not null

),

sponsored_posts as (

    -- one row per sponsored post and brand it links to; a post linking no known brand has one
    -- row with a null brand
    select
        posts.post_id,
        posts.platform,
        posts.creator_username,
        posts.posted_date,
        post_brands.brand_name
    from posts
    left join post_brands
        on posts.post_id = post_brands.post_id
    where posts.is_sponsored

),

contract_posts as (

    -- the posts a contract paid for: the creator's sponsored posts (on either platform) dated in
    -- the contract window that link the contract's brand, or no brand at all (such a post cannot
    -- be told apart and may be counted by two contracts of the creator)
    select distinct
        contract_fees.contract_id,
        sponsored_posts.post_id,
        sponsored_posts.platform,
        sponsored_posts.posted_date
    from contract_fees
    inner join sponsored_posts
        on
            contract_fees.creator_username = sponsored_posts.creator_username
            and contract_fees.start_date <= sponsored_posts.posted_date
            and contract_fees.end_date >= sponsored_posts.posted_date
            and (
                contract_fees.brand_name = sponsored_posts.brand_name
                or sponsored_posts.brand_name is null
            )

),

contract_post_counts as (

    select
        contract_id,
        count(*) as post_count
    from contract_posts
    group by contract_id

),

fees_on_posts as (

    -- a contract with posts: its fee in equal parts on the days of its posts
    select
        contract_posts.posted_date as spend_date,
        contract_posts.platform,
        contract_fees.creator_username,
        contract_fees.contract_id,
        contract_posts.post_id,
        false as is_spread_over_days,
        contract_fees.fee_usd / contract_post_counts.post_count as spend_usd
    from contract_posts
    inner join contract_fees
        on contract_posts.contract_id = contract_fees.contract_id
    inner join contract_post_counts
        on contract_posts.contract_id = contract_post_counts.contract_id

),

contract_days as (

    {{ trends_day_spine(
        '(select min(start_date) from contract_fees)',
        '(select max(end_date) from contract_fees)'
    ) }}

),

fees_over_days as (

    -- a contract without a post found: its fee evenly over the contract's days, on its platform
    select
        contract_days.date_day as spend_date,
        contract_fees.platform,
        contract_fees.creator_username,
        contract_fees.contract_id,
        null as post_id,
        true as is_spread_over_days,
        contract_fees.fee_usd / contract_fees.contract_day_count as spend_usd
    from contract_fees
    inner join contract_days
        on contract_days.date_day between contract_fees.start_date and contract_fees.end_date
    left join contract_post_counts
        on contract_fees.contract_id = contract_post_counts.contract_id
    where contract_post_counts.contract_id is null

),

creator_spend as (

    select * from fees_on_posts

    union all

    select * from fees_over_days

),

spend_lines as (

    -- ads and creator fees in one shape; creator spend is grouped into channels as creator
    -- traffic from its platform (utm_medium creator), with the same rules as ad traffic
    select
        spend_date,
        'ads' as spend_source,
        platform,
        utm_source,
        utm_medium,
        cast(null as varchar) as creator_username,
        campaign_id,
        cast(null as varchar) as contract_id,
        cast(null as varchar) as post_id,
        false as is_spread_over_days,
        spend_usd
    from ad_spend_usd

    union all

    select
        spend_date,
        'creator_contract' as spend_source,
        platform,
        platform as utm_source,
        'creator' as utm_medium,
        creator_username,
        cast(null as varchar) as campaign_id,
        contract_id,
        post_id,
        is_spread_over_days,
        spend_usd
    from creator_spend

),

traffic_sources as (

    select distinct
        utm_source,
        utm_medium
    from spend_lines

),

traffic_channels as (

    -- the first rule (lowest rule_order) whose source and medium patterns both match; the last
    -- rule matches anything
    select
        traffic_sources.utm_source,
        traffic_sources.utm_medium,
        channel_grouping.channel_group,
        channel_grouping.channel
    from traffic_sources
    inner join channel_grouping
        on
            regexp_full_match(traffic_sources.utm_source, channel_grouping.source_pattern)
            and regexp_full_match(traffic_sources.utm_medium, channel_grouping.medium_pattern)
    qualify
        row_number() over (
            partition by traffic_sources.utm_source, traffic_sources.utm_medium
            order by channel_grouping.rule_order
        ) = 1

),

spend_classified as (

    -- creator tier of the account the spend went to; an account below the smallest tier or
    -- without a snapshot is 'untiered'
    select
        spend_lines.*,
        traffic_channels.channel_group,
        traffic_channels.channel,
        case
            when spend_lines.spend_source = 'creator_contract'
                then coalesce(accounts_tiered.tier, 'untiered')
        end as creator_tier
    from spend_lines
    inner join traffic_channels
        on
            spend_lines.utm_source = traffic_channels.utm_source
            and spend_lines.utm_medium = traffic_channels.utm_medium
    left join accounts_tiered
        on
            spend_lines.platform = accounts_tiered.platform
            and spend_lines.creator_username = accounts_tiered.creator_username

),

final as (

    select
        cast({{ dbt.date_trunc('week', 'spend_date') }} as date) as week_start,
        spend_source,
        channel_group,
        channel,
        platform,
        creator_tier,
        creator_username,
        sum(spend_usd) as spend_usd,
        sum(case when is_spread_over_days then spend_usd else 0 end) as spend_usd_spread_over_days,
        count(distinct campaign_id) as campaign_count,
        count(distinct contract_id) as contract_count,
        count(distinct post_id) as sponsored_post_count
    from spend_classified
    group by
        cast({{ dbt.date_trunc('week', 'spend_date') }} as date),
        spend_source,
        channel_group,
        channel,
        platform,
        creator_tier,
        creator_username

)

select * from final
