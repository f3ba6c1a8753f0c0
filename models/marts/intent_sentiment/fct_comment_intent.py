"""Buying intent of every staged TikTok comment, graded 0-3 (thin wrapper).

The model lives in ``social_commerce.text`` (tested with pytest): this model reads the comments,
scores them all in one vectorized call and returns a polars DataFrame.
"""

import polars as pl

from social_commerce.text import score_intent
from social_commerce.text.intent import MODEL_NAME


def model(dbt, session):
    comments = (
        dbt.ref("stg_tiktok__comments")
        .project("comment_id, video_id, is_reply, commented_at, comment_text")
        .pl()
    )
    posts = (
        dbt.ref("fct_posts")
        .filter("platform = 'tiktok'")
        .project("platform_post_id as video_id, post_id, creator_username")
        .pl()
    )
    scores = score_intent(comments["comment_text"])
    return (
        comments.drop("comment_text")
        .hstack(scores)
        .join(posts, on="video_id", how="left")
        .select(
            "comment_id",
            "video_id",
            "post_id",
            "creator_username",
            "is_reply",
            "commented_at",
            pl.col("intent_level").cast(pl.Int32),
            "intent_probability",
            "p_level_0",
            "p_level_1",
            "p_level_2",
            "p_level_3",
            pl.lit(MODEL_NAME).alias("model_name"),
        )
    )
