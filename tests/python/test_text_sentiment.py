"""Sentiment: lexicon rules (negation, boosters, but-clauses, emoji) and the hybrid model."""

from __future__ import annotations

import numpy as np
import pytest

from social_commerce.text.sentiment import (
    cross_validate_sentiment,
    score_sentiment,
    train_sentiment_model,
)


def _lex(texts: list[str]) -> list[float]:
    return score_sentiment(texts, lexicon_only=True)["sentiment_score"].to_list()


def test_negation() -> None:
    not_good, neutral, good = _lex(["not good", "it is a bag", "good"])
    assert not_good < 0 == neutral < good
    assert _lex(["not bad at all"])[0] > 0
    assert _lex(["I don't love it"])[0] < 0


def test_intensifiers_caps_exclamation_elongation() -> None:
    good, very, caps, bang, kinda = _lex(
        ["it is good", "it is very good", "it is GOOD", "it is good!!!", "it is kinda good"]
    )
    assert very > good and caps > good and bang > good
    assert kinda < good
    assert _lex(["sooooo good"])[0] > good


def test_but_clause_weights_the_second_part() -> None:
    then_bad, then_good = _lex(
        ["the color is great but the fabric is terrible", "the fabric is terrible but great color"]
    )
    assert then_bad < 0 < then_good


def test_emoji_and_slang() -> None:
    love, angry, fire, mid = _lex(["😍😍", "😡", "this is fire 🔥", "honestly mid"])
    assert love > 0 > angry
    assert fire > 0 > mid


def test_labels_and_range() -> None:
    out = score_sentiment(["awful", "it arrived", "great!!"], lexicon_only=True)
    assert out["sentiment_label"].to_list() == ["negative", "neutral", "positive"]
    assert out["sentiment_score"].is_between(-1, 1).all()


_TRAIN = {
    1: [
        "love it",
        "great quality",
        "so comfy 😍",
        "works perfectly",
        "best purchase ever",
        "really happy with it",
        "beautiful color",
        "fast shipping, great seller",
    ],
    0: [
        "arrived on tuesday",
        "it is a bag",
        "the box says 200 ml",
        "bought it for my sister",
        "comes in three colors",
        "anyone tried this?",
        "size runs as listed",
        "just a post",
    ],
    -1: [
        "broke after a week",
        "terrible customer service",
        "waste of money",
        "smells awful",
        "never buying again",
        "fake product",
        "it ripped 😡",
        "so disappointed",
    ],
}


@pytest.fixture(scope="module")
def training() -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for label, phrases in _TRAIN.items():
        for phrase in phrases:
            for ending in ("", ".", " lol", "!!"):
                texts.append(phrase + ending)
                labels.append(label)
    return texts, np.array(labels)


def test_hybrid_model_learns_and_generalizes(training) -> None:
    model = train_sentiment_model(*training, seed=0)
    out = score_sentiment(
        ["love it!!", "broke after a week", "arrived on tuesday", "absolutely gorgeous"], model
    )
    assert out["sentiment_label"].to_list()[:3] == ["positive", "negative", "neutral"]
    # "gorgeous" is not in the training texts: the lexicon column carries it
    assert out["sentiment_score"][3] > 0


def test_cross_validation_rows(training) -> None:
    metrics = cross_validate_sentiment(*training, folds=3, seed=0)
    assert metrics.columns == ["model_name", "metric", "split", "value", "n_rows"]
    assert set(metrics["metric"]) == {"macro_f1", "accuracy", "score_label_correlation"}
    assert metrics.filter(metrics["metric"] == "macro_f1")["value"].min() > 0.5


def test_long_review() -> None:
    review = (
        "I ordered this in March. Shipping took two weeks, which was annoying. "
        "But honestly the quality is excellent, it fits perfectly and I love the color. "
        "Would recommend!"
    )
    assert _lex([review])[0] > 0
