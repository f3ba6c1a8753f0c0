"""Purchase-intent model: learns a separable set, calibrated probabilities, CV metric rows."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from social_commerce.text import intent
from social_commerce.text.intent import (
    cross_validate_intent,
    expected_calibration_error,
    score_intent,
    train_intent_model,
)

_PHRASES = {
    0: [
        "what song is this",
        "first",
        "follow me for free followers",
        "not buying this lol",
        "ur dog is so funny",
        "this video is fake",
    ],
    1: [
        "so cute",
        "omg love this",
        "this is gorgeous 😍",
        "need this in my life",
        "obsessed with the color",
        "looks amazing",
    ],
    2: [
        "where is this from?",
        "link?",
        "does it come in black",
        "how much is it??",
        "what size are you wearing",
        "is it on sale",
    ],
    3: [
        "just ordered 2",
        "added to cart",
        "bought it yesterday",
        "ordered the black one",
        "copped it",
        "just placed my order",
    ],
}


def _separable(repeats: int = 6) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(0)
    endings = ["", " lol", " !!", " 😍", " fr", " pls"]
    texts, levels = [], []
    for level, phrases in _PHRASES.items():
        for phrase in phrases:
            for _ in range(repeats):
                texts.append(phrase + endings[rng.integers(len(endings))])
                levels.append(level)
    return texts, np.array(levels)


@pytest.fixture(scope="module")
def model() -> intent.IntentModel:
    texts, levels = _separable()
    return train_intent_model(texts, levels, seed=1)


def test_learns_a_separable_set(model: intent.IntentModel) -> None:
    texts = ["where is this from??", "just ordered 2 !!", "so cute", "what song is this"]
    scores = score_intent(texts, model)
    assert scores["intent_level"].to_list() == [2, 3, 1, 0]
    assert scores["intent_probability"][0] > 0.5 and scores["intent_probability"][1] > 0.5
    assert scores["intent_probability"][2] < 0.5 and scores["intent_probability"][3] < 0.5


def test_probabilities_are_probabilities(model: intent.IntentModel) -> None:
    scores = score_intent(["", "hm", "LINK??", "🛒🛒", None], model)  # type: ignore[list-item]
    probs = scores.select([f"p_level_{k}" for k in range(4)]).to_numpy()
    assert ((probs >= 0) & (probs <= 1)).all()
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-9)
    np.testing.assert_allclose(scores["intent_probability"], probs[:, 2] + probs[:, 3])
    assert score_intent([], model).height == 0


def test_calibrated_on_noisy_synthetic_labels() -> None:
    """With 20 % of labels flipped, P(level >= 2) must not be near 0/1 everywhere."""
    texts, levels = _separable(repeats=10)
    rng = np.random.default_rng(3)
    flip = rng.random(len(levels)) < 0.2
    noisy = np.where(flip, rng.integers(0, 4, len(levels)), levels)
    metrics = cross_validate_intent(texts, noisy, folds=4, seed=2)
    values = dict(zip(metrics["metric"], metrics["value"], strict=True))
    assert values["ece_level_ge_2"] < 0.15
    assert values["roc_auc_level_ge_2"] > 0.8


def test_cross_validation_rows() -> None:
    texts, levels = _separable()
    metrics = cross_validate_intent(texts, levels, folds=3, seed=0)
    assert metrics.columns == ["model_name", "metric", "split", "value", "n_rows"]
    assert set(metrics["metric"]) == {
        "macro_f1",
        "accuracy",
        "roc_auc_level_ge_2",
        "brier_level_ge_2",
        "ece_level_ge_2",
        "quadratic_weighted_kappa",
    }
    assert set(metrics["split"]) == {"cv"}
    assert metrics.filter(pl.col("metric") == "macro_f1")["value"][0] > 0.8


def test_expected_calibration_error() -> None:
    assert expected_calibration_error(np.array([0, 1]), np.array([0.0, 1.0])) == 0.0
    assert expected_calibration_error(np.array([0, 0]), np.array([1.0, 1.0])) == 1.0


def test_default_model_trains_from_seed_and_caches(tmp_path_factory, monkeypatch) -> None:
    cache = tmp_path_factory.getbasetemp() / "model-cache"  # shared with the CLI tests
    monkeypatch.setenv("SCW_MODEL_CACHE", str(cache))
    first = score_intent(["link pls??", "just ordered 2"])
    assert list(cache.glob("intent-*.pkl"))
    again = score_intent(["link pls??", "just ordered 2"])
    assert first.equals(again)
    assert first["intent_level"].to_list() == [2, 3]


def test_bench_text_scoring_small(tmp_path_factory, monkeypatch) -> None:
    from social_commerce.text import bench_text_scoring

    monkeypatch.setenv("SCW_MODEL_CACHE", str(tmp_path_factory.getbasetemp() / "model-cache"))
    result = bench_text_scoring(2000, baseline_n=200)
    assert result["n_texts"] == 2000 and result["cores"] == 1
    assert result["score_intent_per_second"] > 0 and result["score_sentiment_per_second"] > 0


def test_empty_text_is_level_0(model: intent.IntentModel) -> None:
    scores = score_intent(["", "   ", "link??"], model)
    assert scores["intent_level"].to_list()[:2] == [0, 0]
    assert scores["intent_probability"].to_list()[:2] == [0.0, 0.0]


def test_prior_shift_lowers_intent_probability(model: intent.IntentModel) -> None:
    texts = ["is it on sale", "hm nice", "link?"]
    base = score_intent(texts, model)["intent_probability"].to_numpy()
    shifted = score_intent(texts, model, prior=[0.7, 0.2, 0.07, 0.03])["intent_probability"]
    assert (shifted.to_numpy() <= base + 1e-12).all()
