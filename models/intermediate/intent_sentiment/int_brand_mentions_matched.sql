with tweets as (

    select * from {{ ref('stg_x__tweets') }}

),

submissions as (

    select * from {{ ref('stg_reddit__submissions') }}

),

reddit_comments as (

    select * from {{ ref('stg_reddit__comments') }}

),

products as (

    select * from {{ ref('stg_shopify__products') }}

),

brand_patterns as (

    -- one regular expression per brand, from its name: lower case, punctuation dropped, the
    -- words may run together or be split by spaces, dots, dashes or underscores ("casa calm",
    -- "casacalm", "@casa_calm"), "&" may be written "and" or left out, whole words only
    select
        brand_name,
        '\b('
        || replace(
            replace(
                trim(regexp_replace(lower(brand_name), '[^a-z0-9&]+', ' ', 'g')),
                '&', '(&|and)?'
            ),
            ' ', '[\s._-]*'
        )
        || ')\b' as brand_pattern,
        -- every match contains the brand's first word verbatim: a cheap substring test that
        -- spares most (mention, brand) pairs the regular expression (compiled per row)
        split_part(trim(regexp_replace(lower(brand_name), '[^a-z0-9&]+', ' ', 'g')), ' ', 1)
            as brand_first_word
    from products
    where brand_name is not null
    group by brand_name

),

mentions as (

    -- every tweet, submission and Reddit comment once; `match_text` is what brands are looked
    -- for in: the lower-cased text plus, for tweets, the hashtags and @handles
    select
        tweet_id as mention_id,
        'x' as mention_source,
        'tweet' as mention_kind,
        tweet_text as mention_text,
        posted_at as mentioned_at,
        cast(null as varchar) as submission_id,
        lower(concat_ws(
            ' ',
            tweet_text,
            array_to_string(hashtags, ' '),
            array_to_string(mentioned_usernames, ' ')
        )) as match_text
    from tweets
    union all
    select
        submission_id as mention_id,
        'reddit' as mention_source,
        'reddit_submission' as mention_kind,
        concat_ws(chr(10) || chr(10), title, nullif(body_text, '')) as mention_text,
        posted_at as mentioned_at,
        submission_id,
        lower(concat_ws(' ', title, body_text)) as match_text
    from submissions
    union all
    select
        comment_id as mention_id,
        'reddit' as mention_source,
        'reddit_comment' as mention_kind,
        comment_text as mention_text,
        commented_at as mentioned_at,
        submission_id,
        lower(comment_text) as match_text
    from reddit_comments

),

text_matches as (

    -- brands named in the mention itself
    select
        mentions.mention_id,
        mentions.mention_kind,
        brand_patterns.brand_name
    from mentions
    inner join brand_patterns
        on
            contains(mentions.match_text, brand_patterns.brand_first_word)
            and regexp_matches(mentions.match_text, brand_patterns.brand_pattern)

),

submission_brands as (

    select
        mention_id as submission_id,
        brand_name
    from text_matches
    where mention_kind = 'reddit_submission'

),

thread_matches as (

    -- a Reddit comment that names no brand talks about its thread's brands (the submission's)
    select
        mentions.mention_id,
        mentions.mention_kind,
        submission_brands.brand_name
    from mentions
    inner join submission_brands
        on mentions.submission_id = submission_brands.submission_id
    where
        mentions.mention_kind = 'reddit_comment'
        and not exists (
            select 1
            from text_matches
            where
                text_matches.mention_kind = 'reddit_comment'
                and text_matches.mention_id = mentions.mention_id
        )

),

matches as (

    select
        mention_id,
        mention_kind,
        brand_name,
        'text' as matched_by
    from text_matches
    union all
    select
        mention_id,
        mention_kind,
        brand_name,
        'thread' as matched_by
    from thread_matches

),

final as (

    -- mentions without any brand stay, once, with a null brand and matched_by 'none'
    select
        mentions.mention_id,
        mentions.mention_source,
        mentions.mention_kind,
        mentions.mention_text,
        mentions.mentioned_at,
        matches.brand_name,
        coalesce(matches.matched_by, 'none') as matched_by
    from mentions
    left join matches
        on
            mentions.mention_id = matches.mention_id
            and mentions.mention_kind = matches.mention_kind

)

select * from final
