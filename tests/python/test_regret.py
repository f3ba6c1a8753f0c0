"""Regret model (social_commerce.regret) on small synthetic order lines with a planted logit."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import polars as pl
import pytest
from sklearn.metrics import roc_auc_score

import social_commerce.regret as regret_module
from social_commerce.regret import (
    CANDIDATES,
    CATEGORICAL_FEATURES,
    _candidate,
    _swap,
    _swap_means,
    calibration_bins,
    design_frame,
    encode_levels,
    fit_from_features,
    fit_levels,
    metric_frame,
    regret_drivers,
    regret_metrics,
    score_lines,
    shared_fit_from_features,
    time_split,
    train_regret_model,
)

START = datetime(2025, 11, 1)
WINDOW = timedelta(days=60)
CATEGORIES = ["apparel", "kitchen", "toys", "makeup"]
STAGES = ["none", "rising", "peak", "declining", "faded"]


def _lines(n: int = 6000, seed: int = 3) -> pl.DataFrame:
    """Order lines over a year with a planted regret logit: price up, impulse hours down, late
    trend stages up, creator-driven apparel / makeup up. Device is pure noise."""
    rng = np.random.default_rng(seed)
    day = np.sort(rng.uniform(0, 365, n))
    ordered_at = [START + timedelta(days=float(d)) for d in day]
    log_price = rng.normal(np.log(30), 0.7, n)
    impulse = rng.lognormal(2.0, 1.8, n)
    missing = rng.random(n) < 0.06
    category = rng.choice(CATEGORIES, n)
    stage = rng.choice(STAGES, n, p=[0.6, 0.1, 0.1, 0.1, 0.1])
    creator = rng.random(n) < 0.35
    logit = (
        -1.3
        + 0.8 * (log_price - np.log(30))
        - 0.45 * np.log1p(impulse)
        + 0.9 * (stage == "declining")
        + 1.3 * (stage == "faded")
        + creator * (0.2 + 1.0 * np.isin(category, ["apparel", "makeup"]))
    )
    truth = 1 / (1 + np.exp(-(logit + 1.0)))
    label = rng.random(n) < truth
    data_end = START + timedelta(days=365)
    closes = [t + WINDOW for t in ordered_at]
    return pl.DataFrame(
        {
            "order_line_id": [f"l{i:05d}" for i in range(n)],
            "ordered_at": ordered_at,
            "label_window_closes_at": closes,
            "log_unit_price_usd": log_price,
            "impulse_hours": np.where(missing, np.nan, impulse),
            "is_impulse_missing": missing,
            "product_category": category,
            "trend_stage_at_purchase": stage,
            "converting_channel": rng.choice(["email", "direct", "creator_tiktok"], n),
            "device_category": rng.choice(["mobile", "desktop"], n),
            "is_creator_driven": creator,
            "has_discount_code": rng.random(n) < 0.2,
            "is_returning_customer": rng.random(n) < 0.2,
            "is_holiday_season": [t.month in (11, 12) for t in ordered_at],
            "is_regret_badge_treated": rng.random(n) < 0.1,
            "is_regret_observed": label,
            "is_label_window_complete": [c <= data_end for c in closes],
            "true_probability": truth,
        }
    ).with_columns(pl.col("impulse_hours").fill_nan(None))


@pytest.fixture(scope="module")
def fitted():
    lines = _lines()
    model, split, frame = fit_from_features(lines, 0.25, 0.2, 0)
    return lines, model, split, frame


def test_shared_fit_is_made_once_per_rows_and_none_when_too_few(fitted) -> None:
    lines = fitted[0]
    shared = shared_fit_from_features(lines, 0.25, 0.2, 0)
    assert shared is not None
    # the same rows in another order are the same fit: reused, not refitted
    assert shared_fit_from_features(lines.reverse(), 0.25, 0.2, 0) is shared
    assert shared_fit_from_features(lines.head(5), 0.25, 0.2, 0) is None


def test_planted_logit_is_recovered(fitted) -> None:
    _, model, split, frame = fitted
    y = frame["is_regret_observed"].to_numpy()[split.test]
    test = frame.filter(pl.Series(split.test))
    predicted = model.predict(test)
    auc = roc_auc_score(y, predicted)
    oracle = roc_auc_score(y, test["true_probability"].to_numpy())
    assert model.kind in CANDIDATES
    assert auc >= 0.9 * oracle
    # the model's ranking follows the planted probabilities
    assert np.corrcoef(predicted, test["true_probability"].to_numpy())[0, 1] > 0.8
    drivers = regret_drivers(model, test, y, n_repeats=2)
    ranked = drivers["driver"].to_list()
    assert ranked.index("impulse_hours") < ranked.index("device_category")
    assert ranked.index("log_unit_price_usd") < ranked.index("device_category")
    by_name = {row["driver"]: row for row in drivers.iter_rows(named=True)}
    assert by_name["impulse_hours"]["direction"] == "lowers"
    assert by_name["log_unit_price_usd"]["direction"] == "raises"
    assert by_name["trend_stage_at_purchase"]["high_level"] == "faded"
    assert by_name["is_creator_driven"]["direction"] == "raises"
    assert drivers["driver_rank"].to_list() == list(range(1, drivers.height + 1))
    assert all(s.endswith("of test ROC AUC.") for s in drivers["sentence"])


def test_split_is_by_time_with_an_embargo(fitted) -> None:
    lines, _, split, frame = fitted
    t = frame["ordered_at"].to_numpy()
    closes = frame["label_window_closes_at"].to_numpy()
    labelled = frame["is_label_window_complete"].to_numpy()
    assert split.fit.sum() > 0 and split.validation.sum() > 0 and split.test.sum() > 0
    # parts are disjoint, only labelled lines, and ordered in time
    assert not (split.fit & split.validation).any()
    assert not ((split.fit | split.validation) & split.test).any()
    assert labelled[split.fit | split.validation | split.test].all()
    assert t[split.fit].max() < t[split.validation].min()
    assert t[split.validation].max() < t[split.test].min()
    # no training label is read after the cutoff of the part it is scored against
    cutoff = np.datetime64(split.test_cutoff)
    assert (closes[split.fit | split.validation] <= cutoff).all()
    assert (closes[split.fit] <= np.datetime64(split.validation_cutoff)).all()
    # every line is scored, with its split
    scores = score_lines(fitted[1], split, frame)
    assert scores.height == lines.height
    assert scores["regret_probability"].is_between(0, 1).all()
    counts = dict(scores.group_by("split").len().iter_rows())
    assert counts["test"] == split.test.sum()
    assert (
        counts["unused"]
        == lines.height - split.fit.sum() - split.validation.sum() - split.test.sum()
    )


def test_time_split_rejects_nothing_labelled() -> None:
    lines = _lines(200)
    with pytest.raises(ValueError):
        time_split(
            lines["ordered_at"], lines["label_window_closes_at"], np.zeros(200, bool), 0.25, 0.2
        )


def test_labels_and_outcomes_are_not_features(fitted) -> None:
    _, model, split, frame = fitted
    design = design_frame(frame)
    forbidden = {"is_regret_observed", "true_probability", "is_label_window_complete"}
    assert not forbidden & set(design.columns)
    # an outcome column equal to the label changes nothing: it is never read
    leaky = frame.with_columns(pl.col("is_regret_observed").alias("is_returned"))
    assert np.allclose(model.predict(leaky), model.predict(frame))
    # flipping the labels of the test lines changes nothing in the model fitted before them
    flipped = frame.with_columns(
        pl.when(pl.Series(split.test))
        .then(~pl.col("is_regret_observed"))
        .otherwise(pl.col("is_regret_observed"))
        .alias("is_regret_observed")
    )
    other, _, _ = fit_from_features(flipped, 0.25, 0.2, 0)
    assert np.allclose(other.predict(frame), model.predict(frame))


def test_calibration_bins_add_up() -> None:
    rng = np.random.default_rng(0)
    predicted = rng.random(1003)
    labels = rng.random(1003) < predicted
    bins = calibration_bins(labels, predicted, 10)
    assert bins.height == 10
    assert bins["n_rows"].sum() == 1003
    weighted = (bins["mean_predicted"] * bins["n_rows"]).sum() / 1003
    assert weighted == pytest.approx(predicted.mean())
    observed = (bins["observed_rate"] * bins["n_rows"]).sum() / 1003
    assert observed == pytest.approx(labels.mean())
    assert bins["mean_predicted"].is_sorted()


def test_calibrated_on_the_test_period(fitted) -> None:
    _, model, split, frame = fitted
    y = frame["is_regret_observed"].to_numpy()[split.test]
    predicted = model.predict(frame.filter(pl.Series(split.test)))
    assert predicted.mean() == pytest.approx(y.mean(), abs=0.04)
    bins = calibration_bins(y, predicted, 5)
    assert (bins["mean_predicted"] - bins["observed_rate"]).abs().max() < 0.08


def test_metrics_rows() -> None:
    rng = np.random.default_rng(1)
    truth = rng.random(500)
    labels = rng.random(500) < truth
    predicted = np.clip(truth + rng.normal(0, 0.1, 500), 0.01, 0.99)
    metrics = regret_metrics(labels, predicted, truth, n_bins=10)
    assert metrics["roc_auc"][0] == pytest.approx(roc_auc_score(labels, predicted))
    assert metrics["roc_auc_oracle"][0] == pytest.approx(roc_auc_score(labels, truth))
    assert metrics["auc_share_of_oracle"][0] == pytest.approx(
        metrics["roc_auc"][0] / metrics["roc_auc_oracle"][0]
    )
    assert sum(n for name, (_, n) in metrics.items() if name.endswith("_predicted")) == 500
    assert "calibration_bin_10_observed" in metrics
    frame = metric_frame(metrics, "test")
    assert frame.columns == ["model_name", "metric", "split", "value", "n_rows"]
    assert frame["model_name"].unique().to_list() == ["regret"]
    # without truth: no oracle rows
    assert "roc_auc_oracle" not in regret_metrics(labels, predicted, None)


def test_the_kept_candidate_has_the_lower_validation_log_loss(fitted) -> None:
    _, model, _, _ = fitted
    assert set(model.validation_log_loss) == set(CANDIDATES)
    assert model.validation_log_loss[model.kind] == min(model.validation_log_loss.values())


def test_too_few_rows_raise() -> None:
    lines = _lines(60)
    with pytest.raises(ValueError):
        train_regret_model(
            lines,
            lines["is_regret_observed"].to_numpy(),
            lines["is_label_window_complete"].to_numpy(),
        )


@pytest.mark.parametrize("kind", CANDIDATES)
def test_level_codes_make_the_same_model_as_the_level_names(fitted, kind: str) -> None:
    """Each candidate fitted on the sorted levels' codes predicts what it predicts fitted on the
    names, including for a level the fit rows never had (unknown either way)."""
    _, _, split, frame = fitted
    design = design_frame(frame)
    fit_rows = design.filter(pl.Series(split.fit))
    y = frame["is_regret_observed"].to_numpy()[split.fit]
    levels = fit_levels(fit_rows)
    assert levels["trend_stage_at_purchase"] == tuple(sorted(STAGES))
    unseen = design.head(50).with_columns(pl.lit("a_new_level").alias("product_category"))
    on_names = _candidate(kind, 0).fit(fit_rows.to_pandas(), y)
    on_codes = _candidate(kind, 0).fit(encode_levels(fit_rows, levels), y)
    for rows in (design, unseen):
        assert np.allclose(
            on_names.predict_proba(rows.to_pandas())[:, 1],
            on_codes.predict_proba(encode_levels(rows, levels))[:, 1],
            rtol=0,
            atol=1e-12,
        )
    codes = encode_levels(unseen, levels)
    assert (codes["product_category"] == -1).all()
    assert all(codes[name].dtype == np.int64 for name in CATEGORICAL_FEATURES)


def test_swap_means_match_one_prediction_per_swap(fitted, monkeypatch) -> None:
    """Stacked and batched (here three swaps per batch), the means are those of a predict call
    per swapped copy, in the order of the swaps."""
    _, model, split, frame = fitted
    test = frame.filter(pl.Series(split.test))
    swaps = [
        ("is_creator_driven", True),
        ("is_creator_driven", False),
        ("log_unit_price_usd", 5.0),
        ("product_category", "toys"),
        ("product_category", "apparel"),
        ("trend_stage_at_purchase", "faded"),
        ("device_category", "mobile"),
    ]
    monkeypatch.setattr(regret_module, "_SWAP_BATCH_ROWS", 3 * test.height)
    one_by_one = [float(model.predict(_swap(test, *swap)).mean()) for swap in swaps]
    assert np.allclose(_swap_means(model, test, swaps), one_by_one, rtol=0, atol=1e-12)
    # the planted effects show: creator-driven and a faded trend raise the mean prediction
    means = dict(zip(swaps, _swap_means(model, test, swaps), strict=True))
    assert means[("is_creator_driven", True)] > means[("is_creator_driven", False)]
