"""Sentiment of every review, social-listening mention and TikTok comment (thin wrapper).

The model lives in ``social_commerce.text`` (tested with pytest): this model gathers the texts of
the three kinds, scores them all in one vectorized call and returns a polars DataFrame.
"""

import polars as pl

from social_commerce.text import score_sentiment
from social_commerce.text.sentiment import MODEL_NAME

COLUMNS = [
    "text_id",
    "source_kind",
    "brand_name",
    "brand_count",
    "product_id",
    "creator_username",
    "rating",
    "created_at",
    "text",
]


def model(dbt, session):
    reviews = (
        dbt.ref("stg_reviews__reviews")
        .project(
            "review_id as text_id, 'review' as source_kind, product_id, rating, "
            "reviewed_at as created_at, "
            "concat_ws('. ', nullif(review_title, ''), nullif(review_text, '')) as text"
        )
        .pl()
    )
    products = (
        dbt.ref("stg_shopify__products")
        .project("product_id, brand_name")
        .pl()
        .unique("product_id", keep="first")
    )
    # one row per mention (a mention about two brands is scored once); its brand when it is
    # about exactly one, else null (int_brand_mentions_matched has one row per brand)
    mentions = (
        dbt.ref("int_brand_mentions_matched")
        .aggregate(
            "mention_id as text_id, mention_kind as source_kind, "
            "any_value(mention_text) as text, any_value(mentioned_at) as created_at, "
            "count(brand_name) as brand_count, "
            "case when count(distinct brand_name) = 1 then min(brand_name) end as brand_name",
            "mention_id, mention_kind",
        )
        .pl()
    )
    comments = (
        dbt.ref("stg_tiktok__comments")
        .project(
            "comment_id as text_id, 'social_comment' as source_kind, video_id, "
            "commented_at as created_at, comment_text as text"
        )
        .pl()
    )
    posts = (
        dbt.ref("fct_posts")
        .filter("platform = 'tiktok'")
        .project("platform_post_id as video_id, creator_username")
        .pl()
    )
    texts = pl.concat(
        [
            reviews.join(products, on="product_id", how="left").with_columns(
                (pl.col("brand_name").is_not_null()).cast(pl.Int64).alias("brand_count")
            ),
            mentions,
            comments.join(posts, on="video_id", how="left").drop("video_id"),
        ],
        how="diagonal_relaxed",
    ).select(COLUMNS)
    scores = score_sentiment(texts["text"])
    return (
        texts.drop("text")
        .hstack(scores)
        .select(
            "text_id",
            "source_kind",
            "brand_name",
            pl.col("brand_count").cast(pl.Int64),
            "product_id",
            "creator_username",
            pl.col("rating").cast(pl.Int64),
            "created_at",
            "sentiment_score",
            "sentiment_label",
            pl.lit(MODEL_NAME).alias("model_name"),
        )
    )
