"""Text models: hashed n-gram features, purchase intent of comments, sentiment of any text.

Public entry points: :func:`score_intent`, :func:`score_sentiment` (default models trained on the
shipped seeds and cached), their ``train_*`` and ``cross_validate_*`` functions,
:func:`bench_text_scoring` and :func:`seed_path`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

# Imported on first use (PEP 562): importing this package (e.g. for the CLI's text commands)
# must not import scikit-learn, which costs seconds that `social-commerce generate` never needs.
_HOMES = {
    "bench_text_scoring": "benchmark",
    "seed_path": "data",
    "IntentModel": "intent",
    "cross_validate_intent": "intent",
    "score_intent": "intent",
    "train_intent_model": "intent",
    "SentimentModel": "sentiment",
    "cross_validate_sentiment": "sentiment",
    "score_sentiment": "sentiment",
    "train_sentiment_model": "sentiment",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


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
