-- Every staged tweet, Reddit submission and Reddit comment is in int_brand_mentions_matched:
-- either matched to at least one brand (by its text, or by its thread for a Reddit comment) or
-- kept once as unmatched (null brand, matched_by 'none'), never both and never lost. Per kind,
-- staged = matched mentions + unmatched mentions; fails with the kinds that do not reconcile.
with staged as (

    select
        'tweet' as mention_kind,
        count(*) as staged_count
    from {{ ref('stg_x__tweets') }}
    union all
    select
        'reddit_submission' as mention_kind,
        count(*) as staged_count
    from {{ ref('stg_reddit__submissions') }}
    union all
    select
        'reddit_comment' as mention_kind,
        count(*) as staged_count
    from {{ ref('stg_reddit__comments') }}

),

per_mention as (

    select
        mention_kind,
        mention_id,
        count(brand_name) as brand_count,
        count(*) filter (where matched_by = 'none') as unmatched_rows,
        count(*) as row_count
    from {{ ref('int_brand_mentions_matched') }}
    group by mention_kind, mention_id

),

counted as (

    select
        mention_kind,
        count(*) filter (where brand_count > 0 and unmatched_rows = 0) as matched_count,
        count(*) filter (where brand_count = 0 and unmatched_rows = 1 and row_count = 1)
            as unmatched_count,
        count(*) as mention_count
    from per_mention
    group by mention_kind

),

final as (

    select
        staged.mention_kind,
        staged.staged_count,
        coalesce(counted.matched_count, 0) as matched_count,
        coalesce(counted.unmatched_count, 0) as unmatched_count,
        coalesce(counted.mention_count, 0) as mention_count
    from staged
    left join counted
        on staged.mention_kind = counted.mention_kind

)

select * from final
where
    staged_count <> matched_count + unmatched_count
    or staged_count <> mention_count
