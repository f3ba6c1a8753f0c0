"""Regret model: the probability that a purchased order line will be regretted.

Pure functions on polars frames, called by the dbt Python models of ``models/marts/regret``:

* :func:`train_regret_model` splits labelled order lines by time, compares a regularised
  logistic regression (one-hot categories, splines of price and impulse, creator x category
  interaction) with gradient-boosted trees on a time-ordered validation slice, keeps the better
  one and calibrates it (Platt scaling on that slice);
* :func:`score_lines` gives every order line its calibrated probability and split;
* :func:`regret_metrics` scores the test lines (ROC AUC, Brier, log loss, calibration bins) and,
  given the generator's true regret probabilities, the oracle AUC on the same lines and labels;
* :func:`regret_drivers` says which purchase-time features move the prediction, and which way.

Only features known when the order is placed go in (:data:`NUMERIC_FEATURES`,
:data:`BOOLEAN_FEATURES`, :data:`CATEGORICAL_FEATURES`); the label (a refund or resale listing
within the label window) comes later, and lines whose window has not closed are scored but never
trained or tested on.

Time-based split, with an embargo: lines ordered at or after the test cutoff (a quantile of
``ordered_at`` among labelled lines) are the test set. A line ordered before the cutoff only
trains the model when its label window closed before the cutoff too (otherwise its label would be
read from the test period: leakage of future outcomes into training). The same rule separates the
fitting part of the training lines from the validation slice used to choose and calibrate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
import polars as pl
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, SplineTransformer

from social_commerce.memo import shared_in_process

MODEL_NAME = "regret"
#: Numeric purchase-time features (``log1p_impulse_hours`` is derived from ``impulse_hours``).
NUMERIC_FEATURES: tuple[str, ...] = ("log_unit_price_usd", "log1p_impulse_hours")
#: Boolean purchase-time features.
BOOLEAN_FEATURES: tuple[str, ...] = (
    "is_impulse_missing",
    "is_creator_driven",
    "has_discount_code",
    "is_returning_customer",
    "is_holiday_season",
    "is_regret_badge_treated",
)
#: Categorical purchase-time features (``creator_category`` is the category of creator-driven
#: lines and ``not_creator`` otherwise: the creator x category interaction).
CATEGORICAL_FEATURES: tuple[str, ...] = (
    "product_category",
    "trend_stage_at_purchase",
    "converting_channel",
    "device_category",
    "creator_category",
)
#: Columns :func:`train_regret_model` reads from the features frame.
INPUT_COLUMNS: tuple[str, ...] = (
    "order_line_id",
    "ordered_at",
    "label_window_closes_at",
    "log_unit_price_usd",
    "impulse_hours",
    "product_category",
    "trend_stage_at_purchase",
    "converting_channel",
    "device_category",
    *(name for name in BOOLEAN_FEATURES),
)
#: Plain words for each driver (raw feature) in :func:`regret_drivers`.
DRIVER_WORDS: dict[str, str] = {
    "log_unit_price_usd": "a higher unit price",
    "impulse_hours": "more hours between the first visit and the purchase",
    "is_impulse_missing": "an untracked journey (no first-visit time)",
    "is_creator_driven": "buying after a creator's post (creator touch or promo code)",
    "has_discount_code": "a discount code",
    "is_returning_customer": "a returning customer",
    "is_holiday_season": "a holiday-season order (November-December)",
    "is_regret_badge_treated": "seeing the regret badge at checkout",
    "product_category": "product category",
    "trend_stage_at_purchase": "trend stage of the product's hashtag at purchase",
    "converting_channel": "channel of the converting visit",
    "device_category": "device of the converting visit",
}
#: Units of the numeric drivers' high and low values in the sentences.
_DRIVER_UNITS = {"log_unit_price_usd": "USD", "impulse_hours": "hours"}
CANDIDATES = ("logistic", "gradient_boosting")
#: A driver whose high-vs-low contrast moves the mean prediction less than this is negligible.
NEGLIGIBLE_EFFECT = 0.005
#: Fewest labelled lines in each of fit, validation and test, and of each class in fit.
MIN_ROWS = 20


@dataclass(frozen=True)
class RegretModel:
    """A fitted, calibrated regret model and how it was chosen."""

    kind: str  # one of CANDIDATES
    estimator: Pipeline
    calibration_slope: float
    calibration_intercept: float
    test_cutoff: datetime
    validation_cutoff: datetime
    validation_log_loss: dict[str, float]
    validation_roc_auc: dict[str, float]
    #: the levels of each categorical feature in the fit rows, sorted (see :func:`encode_levels`)
    levels: dict[str, tuple[str, ...]]

    def predict(self, features: pl.DataFrame) -> np.ndarray:
        """Calibrated regret probability of each row of ``features`` (raw feature columns)."""
        design = encode_levels(design_frame(features), self.levels)
        return self._calibrate(self.estimator.predict_proba(design)[:, 1])

    def _calibrate(self, raw: np.ndarray) -> np.ndarray:
        z = self.calibration_slope * _logit(raw) + self.calibration_intercept
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class TimeSplit:
    """Row masks of the time-based split (over the rows of the features frame)."""

    fit: np.ndarray
    validation: np.ndarray
    test: np.ndarray
    test_cutoff: datetime
    validation_cutoff: datetime


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def design_frame(features: pl.DataFrame) -> pl.DataFrame:
    """Model inputs from the raw purchase-time columns (categorical features as text; the model
    gets them through :func:`encode_levels`).

    Missing impulse hours (untracked journeys) become 0 with ``is_impulse_missing`` true; the
    creator x category interaction is the column ``creator_category``.
    """
    frame = features.select(
        pl.col("log_unit_price_usd").cast(pl.Float64).fill_null(0.0),
        pl.col("impulse_hours")
        .cast(pl.Float64)
        .fill_null(0.0)
        .clip(0.0)
        .log1p()
        .alias("log1p_impulse_hours"),
        *(
            pl.col(name).cast(pl.Boolean).fill_null(False).cast(pl.Float64)
            for name in BOOLEAN_FEATURES
        ),
        *(
            pl.col(name).cast(pl.String).fill_null("unknown")
            for name in CATEGORICAL_FEATURES
            if name != "creator_category"
        ),
        pl.when(pl.col("is_creator_driven").fill_null(False))
        .then(pl.col("product_category").cast(pl.String).fill_null("unknown"))
        .otherwise(pl.lit("not_creator"))
        .alias("creator_category"),
    )
    return frame


def fit_levels(design: pl.DataFrame) -> dict[str, tuple[str, ...]]:
    """The sorted levels of each categorical feature of ``design`` (the fit rows)."""
    return {name: tuple(sorted(design[name].unique().to_list())) for name in CATEGORICAL_FEATURES}


def encode_levels(design: pl.DataFrame, levels: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """``design`` as scikit-learn gets it (pandas), each categorical feature as its level's
    position in ``levels`` (-1 for a level the fit rows did not have).

    The codes keep the levels' sorted order, so the encoders of the pipeline learn the same
    categories in the same order as from the strings, and a level unseen in the fit rows is
    unknown to them either way: the model is the same. Codes only make predicting cheap:
    scikit-learn maps strings to categories row by row in Python, whole-number codes in one
    vectorized pass (the drivers' permutation importance predicts over a hundred times).
    """
    return design.with_columns(
        pl.col(name).replace_strict(
            list(levels[name]), list(range(len(levels[name]))), default=-1, return_dtype=pl.Int64
        )
        for name in CATEGORICAL_FEATURES
    ).to_pandas()


def _candidate(kind: str, random_state: int) -> Pipeline:
    """The unfitted pipeline of a candidate model."""
    categorical = list(CATEGORICAL_FEATURES)
    if kind == "logistic":
        columns = ColumnTransformer(
            [
                (
                    "splines",
                    SplineTransformer(n_knots=4, degree=3, include_bias=False),
                    list(NUMERIC_FEATURES),
                ),
                ("flags", "passthrough", list(BOOLEAN_FEATURES)),
                (
                    "levels",
                    OneHotEncoder(handle_unknown="ignore", min_frequency=5, sparse_output=False),
                    categorical,
                ),
            ]
        )
        # Every input is on a 0..1 scale (spline basis, flags, one-hot), so one penalty fits all;
        # a strong one (C = 0.1): a few thousand noisy labels, dozens of one-hot levels.
        return Pipeline([("columns", columns), ("model", LogisticRegression(C=0.1, max_iter=2000))])
    if kind == "gradient_boosting":
        n_plain = len(NUMERIC_FEATURES) + len(BOOLEAN_FEATURES)
        columns = ColumnTransformer(
            [
                ("plain", "passthrough", [*NUMERIC_FEATURES, *BOOLEAN_FEATURES]),
                (
                    "levels",
                    OrdinalEncoder(
                        handle_unknown="use_encoded_value",
                        unknown_value=-1,
                        encoded_missing_value=-1,
                    ),
                    categorical,
                ),
            ]
        )
        mask = [False] * n_plain + [True] * len(categorical)
        return Pipeline(
            [
                ("columns", columns),
                (
                    "model",
                    HistGradientBoostingClassifier(
                        learning_rate=0.05,
                        max_iter=300,
                        max_leaf_nodes=15,
                        min_samples_leaf=40,
                        l2_regularization=1.0,
                        categorical_features=mask,
                        early_stopping=False,
                        random_state=random_state,
                    ),
                ),
            ]
        )
    raise ValueError(f"unknown candidate {kind!r}")


def time_split(
    ordered_at: pl.Series,
    window_closes_at: pl.Series,
    labelled: np.ndarray,
    test_share: float,
    validation_share: float,
) -> TimeSplit:
    """Masks of fit, validation and test rows, split by order time with an embargo.

    ``labelled``: rows whose label window closed inside the data (the only rows used). Test: the
    last ``test_share`` of labelled rows by ``ordered_at``. Validation: the last
    ``validation_share`` of the labelled rows before the test cutoff whose window closed before it.
    Fit: the earlier rows whose window closed before the validation cutoff.
    """
    t = ordered_at.cast(pl.Datetime("us")).dt.epoch("us").to_numpy()
    closes = window_closes_at.cast(pl.Datetime("us")).dt.epoch("us").to_numpy()
    labelled = np.asarray(labelled, dtype=bool)
    if not labelled.any():
        raise ValueError("no labelled rows")
    test_cut = np.quantile(t[labelled], 1.0 - test_share, method="lower")
    test = labelled & (t >= test_cut)
    before = labelled & (t < test_cut) & (closes <= test_cut)
    if not before.any():
        raise ValueError("no training rows before the test cutoff")
    val_cut = np.quantile(t[before], 1.0 - validation_share, method="lower")
    validation = before & (t >= val_cut)
    fit = before & (t < val_cut) & (closes <= val_cut)

    def as_datetime(us: int) -> datetime:
        return pl.Series([int(us)]).cast(pl.Datetime("us")).item()

    return TimeSplit(fit, validation, test, as_datetime(test_cut), as_datetime(val_cut))


def _platt(raw: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of a logistic fit of the labels on the logit of raw probabilities."""
    calibrator = LogisticRegression(C=1e4, max_iter=1000)
    calibrator.fit(_logit(raw).reshape(-1, 1), labels)
    return float(calibrator.coef_[0, 0]), float(calibrator.intercept_[0])


def train_regret_model(
    features: pl.DataFrame,
    labels: np.ndarray,
    labelled: np.ndarray,
    *,
    test_share: float = 0.25,
    validation_share: float = 0.2,
    random_state: int = 0,
) -> tuple[RegretModel, TimeSplit]:
    """Fit both candidates on the fit rows, keep the one with the lower validation log loss and
    calibrate it on the validation slice (Platt scaling).

    ``features``: :data:`INPUT_COLUMNS` (purchase-time features plus ``ordered_at`` and
    ``label_window_closes_at``); ``labels``: behavioural regret (bool) per row; ``labelled``: rows
    whose label window closed inside the data. Raises ``ValueError`` when a part is too small.
    """
    y = np.asarray(labels, dtype=bool)
    split = time_split(
        features["ordered_at"],
        features["label_window_closes_at"],
        labelled,
        test_share,
        validation_share,
    )
    sizes = [int(split.fit.sum()), int(split.validation.sum()), int(split.test.sum())]
    if min(sizes) < MIN_ROWS or min(y[split.fit].sum(), (~y[split.fit]).sum()) < MIN_ROWS // 4:
        raise ValueError(f"too few labelled rows to train and test (fit/validation/test {sizes})")
    design = design_frame(features)
    levels = fit_levels(design.filter(pl.Series(split.fit)))
    encoded = encode_levels(design, levels)
    fit_x, val_x = encoded[split.fit], encoded[split.validation]
    fit_y, val_y = y[split.fit], y[split.validation]
    fitted: dict[str, Pipeline] = {}
    losses: dict[str, float] = {}
    aucs: dict[str, float] = {}
    for kind in CANDIDATES:
        estimator = _candidate(kind, random_state).fit(fit_x, fit_y)
        raw = estimator.predict_proba(val_x)[:, 1]
        fitted[kind] = estimator
        losses[kind] = float(log_loss(val_y, raw, labels=[False, True]))
        aucs[kind] = _auc(val_y, raw)
    kind = min(CANDIDATES, key=lambda name: losses[name])
    raw = fitted[kind].predict_proba(val_x)[:, 1]
    slope, intercept = _platt(raw, val_y) if 0 < val_y.sum() < len(val_y) else (1.0, 0.0)
    model = RegretModel(
        kind=kind,
        estimator=fitted[kind],
        calibration_slope=slope,
        calibration_intercept=intercept,
        test_cutoff=split.test_cutoff,
        validation_cutoff=split.validation_cutoff,
        validation_log_loss=losses,
        validation_roc_auc=aucs,
        levels=levels,
    )
    return model, split


def fit_from_features(
    features: pl.DataFrame, test_share: float, validation_share: float, random_state: int
) -> tuple[RegretModel, TimeSplit, pl.DataFrame]:
    """Train on the frame of ``int_order_line_regret_features`` (rows sorted by order time and
    line id for a deterministic fit): the model, its split and the sorted frame.

    The label is ``is_regret_observed``; rows with ``is_label_window_complete`` false are scored
    but neither trained nor tested on.
    """
    frame = features.sort("ordered_at", "order_line_id")
    model, split = train_regret_model(
        frame,
        frame["is_regret_observed"].fill_null(False).to_numpy(),
        frame["is_label_window_complete"].fill_null(False).to_numpy(),
        test_share=test_share,
        validation_share=validation_share,
        random_state=random_state,
    )
    return model, split, frame


def _auc(labels: np.ndarray, scores: np.ndarray) -> float:
    labels = np.asarray(labels, dtype=bool)
    if labels.all() or not labels.any():
        return float("nan")
    return float(roc_auc_score(labels, scores))


def split_labels(split: TimeSplit, n: int) -> np.ndarray:
    """``train`` / ``validation`` / ``test`` per row, ``unused`` for the rest (window still open,
    or embargoed: ordered before a cutoff with the label window closing after it)."""
    out = np.full(n, "unused", dtype=object)
    out[split.fit] = "train"
    out[split.validation] = "validation"
    out[split.test] = "test"
    return out


def score_lines(model: RegretModel, split: TimeSplit, features: pl.DataFrame) -> pl.DataFrame:
    """Every line's calibrated regret probability, split and the model that scored it."""
    return pl.DataFrame(
        {
            "order_line_id": features["order_line_id"],
            "regret_probability": model.predict(features),
            "split": pl.Series(split_labels(split, features.height), dtype=pl.String),
            "model_kind": [model.kind] * features.height,
        }
    )


def calibration_bins(labels: np.ndarray, predicted: np.ndarray, n_bins: int) -> pl.DataFrame:
    """Equal-count bins of the predicted probability: bin (1..n), rows, mean predicted, observed
    rate. Bins are cut at quantiles of the predictions (ties stay in one bin, so there may be fewer
    than ``n_bins``); their rows add up to all rows."""
    order = np.argsort(predicted, kind="stable")
    bin_of = np.empty(len(predicted), dtype=np.int64)
    bin_of[order] = np.arange(len(predicted)) * n_bins // max(len(predicted), 1)
    frame = pl.DataFrame(
        {
            "bin": bin_of + 1,
            "predicted": np.asarray(predicted, dtype=float),
            "observed": np.asarray(labels, dtype=float),
        }
    )
    return (
        frame.group_by("bin")
        .agg(
            pl.len().alias("n_rows"),
            pl.col("predicted").mean().alias("mean_predicted"),
            pl.col("observed").mean().alias("observed_rate"),
        )
        .sort("bin")
    )


def regret_metrics(
    labels: np.ndarray,
    predicted: np.ndarray,
    oracle: np.ndarray | None,
    n_bins: int = 10,
) -> dict[str, tuple[float, int]]:
    """Test metrics as ``{metric: (value, n_rows)}``.

    ``labels``: behavioural regret of the test lines; ``predicted``: the model's calibrated
    probabilities; ``oracle``: the generator's true regret probabilities of the same lines (or
    None). ``roc_auc_oracle`` is the AUC of the true probabilities against the same behavioural
    labels: the best any model of purchase-time features can reach on these labels.
    """
    y = np.asarray(labels, dtype=bool)
    p = np.asarray(predicted, dtype=float)
    n = len(y)
    metrics: dict[str, tuple[float, int]] = {
        "roc_auc": (_auc(y, p), n),
        "brier": (float(brier_score_loss(y, p)), n),
        "log_loss": (float(log_loss(y, np.clip(p, 1e-6, 1 - 1e-6), labels=[False, True])), n),
        "observed_regret_rate": (float(y.mean()), n),
        "mean_predicted_probability": (float(p.mean()), n),
    }
    for row in calibration_bins(y, p, n_bins).iter_rows(named=True):
        name = f"calibration_bin_{row['bin']:02d}"
        metrics[f"{name}_predicted"] = (float(row["mean_predicted"]), int(row["n_rows"]))
        metrics[f"{name}_observed"] = (float(row["observed_rate"]), int(row["n_rows"]))
    if oracle is not None:
        q = np.asarray(oracle, dtype=float)
        known = np.isfinite(q)
        oracle_auc = _auc(y[known], q[known])
        metrics["roc_auc_oracle"] = (oracle_auc, int(known.sum()))
        metrics["brier_oracle"] = (float(brier_score_loss(y[known], q[known])), int(known.sum()))
        model_auc = _auc(y[known], p[known])
        metrics["auc_share_of_oracle"] = (model_auc / oracle_auc, int(known.sum()))
    return {name: value for name, value in metrics.items() if np.isfinite(value[0])}


def metric_frame(metrics: dict[str, tuple[float, int]], split: str) -> pl.DataFrame:
    """Rows of the shared metrics-table shape (without ``computed_at``)."""
    return pl.DataFrame(
        {
            "model_name": [MODEL_NAME] * len(metrics),
            "metric": list(metrics),
            "split": [split] * len(metrics),
            "value": [value for value, _ in metrics.values()],
            "n_rows": [n for _, n in metrics.values()],
        },
        schema={
            "model_name": pl.String,
            "metric": pl.String,
            "split": pl.String,
            "value": pl.Float64,
            "n_rows": pl.Int64,
        },
    )


def _swap(features: pl.DataFrame, column: str, value: object) -> pl.DataFrame:
    dtype = features.schema[column]
    return features.with_columns(pl.lit(value, dtype=dtype).alias(column))


#: Most rows :func:`_swap_means` predicts in one call: it bounds the memory of a call at any
#: scale (the logistic candidate's design is about 80 dense columns: some 85 MB at this size).
_SWAP_BATCH_ROWS = 1 << 17


def _swap_means(
    model: RegretModel, features: pl.DataFrame, swaps: list[tuple[str, object]]
) -> list[float]:
    """For each (column, value) of ``swaps``: the mean prediction over every row of ``features``
    with that column set to that value.

    The copies are stacked and predicted together, in batches of at most
    :data:`_SWAP_BATCH_ROWS` rows: each ``predict`` call has a fixed cost (the pipeline's checks
    and column selection) that a call per copy pays dozens of times.
    """
    per_batch = max(1, _SWAP_BATCH_ROWS // max(features.height, 1))
    means: list[float] = []
    for start in range(0, len(swaps), per_batch):
        batch = swaps[start : start + per_batch]
        predicted = model.predict(pl.concat([_swap(features, *swap) for swap in batch]))
        means += [float(part.mean()) for part in np.split(predicted, len(batch))]
    return means


def regret_drivers(
    model: RegretModel,
    features: pl.DataFrame,
    labels: np.ndarray,
    n_repeats: int = 5,
    random_state: int = 0,
) -> pl.DataFrame:
    """One row per raw purchase-time feature: how much it matters and which way it pushes.

    ``importance_auc_drop``: mean drop of the test ROC AUC when the feature is shuffled
    (permutation importance, on ``features`` / ``labels``: the test lines). ``effect``: mean
    predicted probability with the feature set high (true, the 90th percentile, or the level with
    the highest mean prediction) minus set low (false, the 10th percentile, the lowest level) for
    every line: a partial-dependence contrast. Sorted by importance.
    """
    drivers = list(DRIVER_WORDS)
    y = np.asarray(labels, dtype=bool)
    raw = features.select(drivers)

    class _Scorer:
        """Calibrated probability from the raw driver columns, for permutation importance."""

        def fit(self, x: pd.DataFrame, target: np.ndarray) -> _Scorer:
            return self

        def predict_proba(self, x: pd.DataFrame) -> np.ndarray:
            p = model.predict(pl.from_pandas(x))
            return np.column_stack([1 - p, p])

    x = raw.to_pandas()
    importance = permutation_importance(
        _Scorer(),
        x,
        y,
        scoring=lambda est, xx, yy: _auc(yy, est.predict_proba(xx)[:, 1]),
        n_repeats=n_repeats,
        random_state=random_state,
    )
    # the values each driver is set to (booleans: true and false; numbers: 90th and 10th
    # percentiles; levels: each one), all predicted together
    settings: dict[str, list[object]] = {}
    for name in drivers:
        column = raw[name]
        if column.dtype == pl.Boolean:
            settings[name] = [True, False]
        elif column.dtype.is_numeric():
            values = column.drop_nulls()
            settings[name] = [
                float(values.quantile(0.9)) if len(values) else 0.0,
                float(values.quantile(0.1)) if len(values) else 0.0,
            ]
        else:
            settings[name] = column.drop_nulls().unique().sort().to_list()
    swaps = [(name, value) for name in drivers for value in settings[name]]
    mean_of = dict(zip(swaps, _swap_means(model, raw, swaps), strict=True))
    rows = []
    for index, name in enumerate(drivers):
        column = raw[name]
        if column.dtype == pl.Boolean:
            high_level, low_level = "true", "false"
            p_high, p_low = mean_of[(name, True)], mean_of[(name, False)]
        elif column.dtype.is_numeric():
            high, low = settings[name]
            p_high, p_low = mean_of[(name, high)], mean_of[(name, low)]
            shown = np.exp if name == "log_unit_price_usd" else (lambda value: value)
            high_level, low_level = f"{shown(high):.3g}", f"{shown(low):.3g}"
        else:
            means = {level: mean_of[(name, level)] for level in settings[name]}
            high_level = max(means, key=means.get) if means else ""
            low_level = min(means, key=means.get) if means else ""
            p_high = means.get(high_level, 0.0)
            p_low = means.get(low_level, 0.0)
        effect = float(p_high - p_low)
        rows.append(
            {
                "driver": name,
                "importance_auc_drop": float(importance.importances_mean[index]),
                "effect": effect,
                "high_level": str(high_level),
                "low_level": str(low_level),
                "direction": _direction(column.dtype, effect),
            }
        )
    frame = pl.DataFrame(rows).sort("importance_auc_drop", descending=True)
    return frame.with_columns(
        pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias("driver_rank"),
        pl.Series(
            "sentence", [_sentence(row) for row in frame.iter_rows(named=True)], dtype=pl.String
        ),
    )


def _direction(dtype: pl.DataType, effect: float) -> str:
    if abs(effect) < NEGLIGIBLE_EFFECT:
        return "negligible"
    if dtype in (pl.String, pl.Categorical):
        return "varies_by_level"
    return "raises" if effect > 0 else "lowers"


def _sentence(row: dict[str, object]) -> str:
    words = DRIVER_WORDS[str(row["driver"])]
    words = words[0].upper() + words[1:]
    points = abs(float(row["effect"])) * 100
    drop = float(row["importance_auc_drop"])
    if row["direction"] == "varies_by_level":
        head = (
            f"{words}: predicted regret is highest for {row['high_level']} and lowest for "
            f"{row['low_level']} ({points:.1f} points apart)"
        )
    elif row["direction"] == "negligible":
        head = f"{words} barely changes the predicted regret"
    else:
        head = f"{words} {row['direction']} the predicted regret by {points:.1f} points"
        unit = _DRIVER_UNITS.get(str(row["driver"]))
        if unit:
            head += f" (from {row['low_level']} to {row['high_level']} {unit})"
    return f"{head}; shuffling it costs {drop:.3f} of test ROC AUC."


def shared_fit_from_features(
    features: pl.DataFrame, test_share: float, validation_share: float, random_state: int
) -> tuple[RegretModel, TimeSplit, pl.DataFrame] | None:
    """:func:`fit_from_features`, fitted once per process for the same rows and parameters.

    ``regret_scores``, ``regret_model_metrics`` and ``regret_model_drivers`` fit the same model
    on the same rows in one ``dbt build``: the first fits it, the others reuse it. ``None`` when
    there are too few labelled lines to fit (a tiny extract), so that a model returns no rows
    rather than failing the build.
    """
    try:
        return shared_in_process(
            "regret_fit",
            lambda: fit_from_features(
                features,
                test_share=test_share,
                validation_share=validation_share,
                random_state=random_state,
            ),
            # the fit sorts the rows itself: the same rows in another order are the same fit
            features.sort("ordered_at", "order_line_id"),
            test_share,
            validation_share,
            random_state,
        )
    except ValueError:
        return None
