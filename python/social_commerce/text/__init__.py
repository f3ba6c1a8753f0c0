"""Text models: hashed n-gram features, purchase intent of comments, sentiment of any text.

Public entry points: :func:`score_intent`, :func:`score_sentiment` (default models trained on the
shipped seeds and cached), their ``train_*`` and ``cross_validate_*`` functions,
:func:`bench_text_scoring` and :func:`seed_path`.
"""

from __future__ import annotations

from social_commerce.text.benchmark import bench_text_scoring
from social_commerce.text.data import seed_path
from social_commerce.text.intent import (
    IntentModel,
    cross_validate_intent,
    score_intent,
    train_intent_model,
)
from social_commerce.text.sentiment import (
    SentimentModel,
    cross_validate_sentiment,
    score_sentiment,
    train_sentiment_model,
)

__all__ = [
    "IntentModel",
    "SentimentModel",
    "bench_text_scoring",
    "cross_validate_intent",
    "cross_validate_sentiment",
    "score_intent",
    "score_sentiment",
    "seed_path",
    "train_intent_model",
    "train_sentiment_model",
]
