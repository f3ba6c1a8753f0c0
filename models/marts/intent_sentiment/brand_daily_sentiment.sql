with mentions as (

    select * from {{ ref('int_brand_mentions_matched') }}

),

text_sentiment as (

    select * from {{ ref('fct_text_sentiment') }}

),

brand_mentions as (

    -- one row per mention x brand (a mention about two brands counts for both), with the
    -- mention's sentiment
    select
        mentions.brand_name,
        cast(mentions.mentioned_at as date) as mention_date,
        text_sentiment.sentiment_score,
        text_sentiment.sentiment_label
    from mentions
    inner join text_sentiment
        on
            mentions.mention_id = text_sentiment.text_id
            and mentions.mention_kind = text_sentiment.source_kind
    where
        mentions.brand_name is not null
        and mentions.mentioned_at is not null

),

brand_day_sentiment as (

    select
        brand_name,
        mention_date,
        count(*) as mention_count,
        count(*) filter (where sentiment_label = 'positive') as positive_mention_count,
        count(*) filter (where sentiment_label = 'negative') as negative_mention_count,
        avg(sentiment_score) as mean_sentiment_score
    from brand_mentions
    group by brand_name, mention_date

),

date_spine as (

    {{ trends_day_spine(
        '(select min(mention_date) from brand_mentions)',
        '(select max(mention_date) from brand_mentions)'
    ) }}

),

brands as (

    select distinct brand_name from brand_mentions

),

-- dense grid: every brand with a mention on every day from the first to the last mention date
brand_days as (

    select
        brands.brand_name,
        date_spine.date_day as mention_date
    from brands
    cross join date_spine

),

final as (

    select
        brand_days.brand_name,
        brand_days.mention_date,
        coalesce(brand_day_sentiment.mention_count, 0) as mention_count,
        coalesce(brand_day_sentiment.positive_mention_count, 0) as positive_mention_count,
        coalesce(brand_day_sentiment.negative_mention_count, 0) as negative_mention_count,
        brand_day_sentiment.mean_sentiment_score,
        brand_day_sentiment.positive_mention_count
        / brand_day_sentiment.mention_count as positive_mention_share,
        brand_day_sentiment.negative_mention_count
        / brand_day_sentiment.mention_count as negative_mention_share
    from brand_days
    left join brand_day_sentiment
        on
            brand_days.brand_name = brand_day_sentiment.brand_name
            and brand_days.mention_date = brand_day_sentiment.mention_date

)

select
    brand_name,
    mention_date,
    mention_count,
    positive_mention_count,
    negative_mention_count,
    mean_sentiment_score,
    positive_mention_share,
    negative_mention_share
from final
