"""Trend longevity: predict a fad's lifespan from its first days after emergence.

Pure functions on polars frames, called by the dbt Python models of ``models/marts/trends``:

* :func:`early_features` turns a daily hashtag series (``int_hashtag_daily``) and the estimated
  lifecycle (``trend_lifecycle``) into one row of features per hashtag, computed from the first
  ``window_days`` days after emergence only;
* :func:`backtest_lifespan` scores the model by leave-one-out over the trends whose lifecycle
  completed (each trend is predicted by a model fitted without it, scaling included);
* :func:`predict_lifespan` fits on every completed trend and predicts every trend with a full
  feature window, with an interval from the leave-one-out errors.

The model is a ridge regression on log lifespan: the lifespans of fads are log-normal, a handful
of trends is all there is to learn from, and a linear model on five features cannot overfit them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

#: Features of :func:`early_features`, in model order.
FEATURES: tuple[str, ...] = (
    "growth_slope",
    "search_ramp",
    "end_to_max_ratio",
    "log_post_count",
    "log_view_count",
)
#: Days at each end of the feature window averaged by the search ramp.
_RAMP_DAYS = 3
#: Fewest completed trends to fit a model on.
MIN_TRAIN_ROWS = 5


@dataclass(frozen=True)
class BacktestResult:
    """Leave-one-out errors of the lifespan model on the completed trends."""

    predictions: pl.DataFrame  # hashtag, lifespan_days, predicted_lifespan_days, log_error
    mae_days: float
    spearman: float
    n_rows: int


def early_features(daily: pl.DataFrame, lifecycle: pl.DataFrame, window_days: int) -> pl.DataFrame:
    """One row per fad whose emergence and first ``window_days`` days after it are in the data.

    ``daily``: hashtag, activity_date, post_count, view_count, search_interest_0_100.
    ``lifecycle``: hashtag, emergence_date, lifespan_days, is_emergence_observed,
    is_lifecycle_complete, is_evergreen. Evergreen hashtags and trends already up on the first
    day of the data (whose feature window would not start at their emergence) are left out.
    Features (only days ``emergence_date .. emergence_date + window_days - 1`` are read):
    ``growth_slope`` (least-squares slope of search interest per day), ``search_ramp``
    (log of the mean interest of the last 3 days over that of the first 3, each plus 1),
    ``end_to_max_ratio`` (mean interest of the last 3 days over the window's maximum, each plus 1:
    below 1 when the trend already turned within the window),
    ``log_post_count`` and ``log_view_count`` (log1p of the posts and views in the window).
    Returned with ``lifespan_days`` and ``is_lifecycle_complete`` (target and training flag).
    """
    if window_days < 2 * _RAMP_DAYS:
        raise ValueError(f"window_days must be at least {2 * _RAMP_DAYS}, got {window_days}")
    anchors = lifecycle.filter(~pl.col("is_evergreen") & pl.col("is_emergence_observed")).select(
        "hashtag", "emergence_date", "lifespan_days", "is_lifecycle_complete"
    )
    windowed = (
        daily.join(anchors, on="hashtag", how="inner")
        .with_columns(
            (pl.col("activity_date") - pl.col("emergence_date")).dt.total_days().alias("day_index")
        )
        .filter(pl.col("day_index").is_between(0, window_days - 1))
    )
    x = pl.col("day_index").cast(pl.Float64)
    y = pl.col("search_interest_0_100").cast(pl.Float64)
    features = windowed.group_by("hashtag").agg(
        pl.len().alias("days_observed"),
        ((x - x.mean()) * (y - y.mean()))
        .sum()
        .truediv(((x - x.mean()) ** 2).sum())
        .alias("growth_slope"),
        (
            (y.filter(pl.col("day_index") >= window_days - _RAMP_DAYS).mean() + 1.0).log()
            - (y.filter(pl.col("day_index") < _RAMP_DAYS).mean() + 1.0).log()
        ).alias("search_ramp"),
        (
            (y.filter(pl.col("day_index") >= window_days - _RAMP_DAYS).mean() + 1.0)
            / (y.max() + 1.0)
        ).alias("end_to_max_ratio"),
        pl.col("post_count").sum().cast(pl.Float64).log1p().alias("log_post_count"),
        pl.col("view_count").sum().cast(pl.Float64).log1p().alias("log_view_count"),
    )
    return (
        anchors.join(features, on="hashtag", how="inner")
        .filter(pl.col("days_observed") == window_days)
        .select("hashtag", *FEATURES, "lifespan_days", "is_lifecycle_complete")
        .sort("hashtag")
    )


def _model(alpha: float) -> Pipeline:
    return make_pipeline(StandardScaler(), Ridge(alpha=alpha))


def _matrix(features: pl.DataFrame) -> np.ndarray:
    return features.select(FEATURES).to_numpy().astype(np.float64)


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Rank correlation (average ranks for ties); nan when either side is constant."""
    ra = pl.Series(a).rank("average").to_numpy()
    rb = pl.Series(b).rank("average").to_numpy()
    if ra.std() == 0 or rb.std() == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def enough_completed_trends(features: pl.DataFrame) -> bool:
    """Whether ``features`` holds enough completed trends to fit and backtest the model."""
    return features.filter(pl.col("is_lifecycle_complete")).height >= MIN_TRAIN_ROWS + 1


def backtest_lifespan(features: pl.DataFrame, alpha: float = 1.0) -> BacktestResult:
    """Leave-one-out backtest over the completed trends of ``features`` (:func:`early_features`).

    Each completed trend is predicted by a model (scaler and ridge) fitted on the other completed
    trends only; live trends are never used. Errors are in days on the original scale.
    """
    train = features.filter(pl.col("is_lifecycle_complete"))
    n = train.height
    if not enough_completed_trends(features):
        raise ValueError(f"need at least {MIN_TRAIN_ROWS + 1} completed trends, got {n}")
    x = _matrix(train)
    y = np.log(train["lifespan_days"].to_numpy().astype(np.float64))
    predicted_log = np.empty(n)
    for i in range(n):
        keep = np.arange(n) != i
        predicted_log[i] = _model(alpha).fit(x[keep], y[keep]).predict(x[i : i + 1])[0]
    predicted = np.exp(predicted_log)
    actual = np.exp(y)
    predictions = pl.DataFrame(
        {
            "hashtag": train["hashtag"],
            "lifespan_days": actual,
            "predicted_lifespan_days": predicted,
            "log_error": y - predicted_log,
        }
    )
    return BacktestResult(
        predictions=predictions,
        mae_days=float(np.mean(np.abs(predicted - actual))),
        spearman=_spearman(predicted, actual),
        n_rows=n,
    )


def predict_lifespan(
    features: pl.DataFrame,
    alpha: float = 1.0,
    interval_quantiles: tuple[float, float] = (0.1, 0.9),
) -> pl.DataFrame:
    """Predicted lifespan (days) of every trend of ``features``, with an interval.

    The model is fitted on all completed trends; the interval multiplies the prediction by the
    ``interval_quantiles`` of the leave-one-out log errors (:func:`backtest_lifespan`), so its
    width is that of honest out-of-sample errors. Columns: hashtag, the features,
    predicted_lifespan_days, predicted_lifespan_low_days, predicted_lifespan_high_days,
    is_lifecycle_complete, lifespan_days. For a trend still running, the prediction and both
    bounds are at least the days it has already lived (``lifespan_days``, a lower bound). No rows
    when there are too few completed trends to learn from (:func:`enough_completed_trends`): no
    prediction rather than a made-up one.
    """
    if not enough_completed_trends(features):
        return features.head(0).with_columns(
            pl.lit(None, dtype=pl.Float64).alias(name)
            for name in (
                "predicted_lifespan_days",
                "predicted_lifespan_low_days",
                "predicted_lifespan_high_days",
            )
        )
    backtest = backtest_lifespan(features, alpha)
    low_q, high_q = interval_quantiles
    errors = backtest.predictions["log_error"].to_numpy()
    low, high = np.quantile(errors, low_q), np.quantile(errors, high_q)
    train = features.filter(pl.col("is_lifecycle_complete"))
    model = _model(alpha).fit(
        _matrix(train), np.log(train["lifespan_days"].to_numpy().astype(np.float64))
    )
    predicted_log = model.predict(_matrix(features)) if features.height else np.empty(0)
    # A running trend has already lived ``lifespan_days``: no prediction (nor interval bound)
    # may be shorter than that. Completed trends keep the model's raw prediction (it is what the
    # backtest scores).
    lived = pl.when(~pl.col("is_lifecycle_complete")).then(pl.col("lifespan_days")).cast(pl.Float64)
    return features.with_columns(
        pl.Series("predicted_lifespan_days", np.exp(predicted_log), dtype=pl.Float64),
        pl.Series("predicted_lifespan_low_days", np.exp(predicted_log + low), dtype=pl.Float64),
        pl.Series("predicted_lifespan_high_days", np.exp(predicted_log + high), dtype=pl.Float64),
    ).with_columns(
        pl.max_horizontal(pl.col(name), lived.fill_null(pl.col(name))).alias(name)
        for name in (
            "predicted_lifespan_days",
            "predicted_lifespan_low_days",
            "predicted_lifespan_high_days",
        )
    )


def backtest_metrics(result: BacktestResult | None, model_name: str, split: str) -> pl.DataFrame:
    """The backtest as rows of a metrics table: model_name, metric, split, value, n_rows.

    ``None`` (no backtest: too few completed trends) gives no rows.
    """
    rows = (
        []
        if result is None
        else [("mae_days", result.mae_days), ("spearman_rank_correlation", result.spearman)]
    )
    return pl.DataFrame(
        {
            "model_name": [model_name] * len(rows),
            "metric": [metric for metric, _ in rows],
            "split": [split] * len(rows),
            "value": [value for _, value in rows],
            "n_rows": [0 if result is None else result.n_rows] * len(rows),
        },
        schema={
            "model_name": pl.String,
            "metric": pl.String,
            "split": pl.String,
            "value": pl.Float64,
            "n_rows": pl.Int64,
        },
    )
