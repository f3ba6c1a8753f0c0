"""Creator segments and follower forecasts.

Pure functions on polars frames, called by the dbt Python models of ``models/marts/creators``:

* :func:`creator_features` turns posts, daily followers and the scorecard into one row of
  engagement and growth features per creator;
* :func:`cluster_creators` standardizes those features, picks the number of clusters by
  silhouette score (k-means, deterministic), names each cluster in plain words from its centroid
  and reports the quality of the clustering;
* :func:`forecast_followers` forecasts each account's followers ``horizons`` days ahead with a
  log-linear trend fitted on its most recent weeks, with an interval from the model's own
  out-of-sample errors on the earlier part of the series;
* :func:`backtest_forecast` holds out the last ``h`` days of every series, forecasts them from
  the earlier days only and scores the forecast (MAE, MAPE, interval coverage).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

from social_commerce.memo import shared_in_process

#: Clustering features of :func:`creator_features`, in model order.
CLUSTER_FEATURES: tuple[str, ...] = (
    "log_followers",
    "engagement_rate_by_views",
    "engagement_rate_by_followers",
    "follower_growth_rate_30d",
    "posts_per_week",
    "viral_post_rate",
)
#: Columns :func:`creator_features` reads from ``fct_posts``, ``fct_creator_daily_growth`` and
#: ``dim_creators`` (the models project these before loading).
FEATURE_INPUT_COLUMNS: dict[str, str] = {
    "fct_posts": (
        "creator_username, posted_date, view_count, engagement_count, "
        "engagement_rate_by_followers, is_viral"
    ),
    "fct_creator_daily_growth": "creator_username, platform, follower_date, follower_count",
    "dim_creators": "creator_username, followers_now",
}
#: Plain words for a centroid far above (first) or below (second) the average on a feature.
_FEATURE_WORDS: dict[str, tuple[str, str]] = {
    "engagement_rate_by_views": ("high-engagement", "low-engagement"),
    "engagement_rate_by_followers": ("loyal-audience", "passive-audience"),
    "follower_growth_rate_30d": ("fast-growing", "stalling"),
    "posts_per_week": ("frequent-posting", "occasional-posting"),
    "viral_post_rate": ("viral", "steady-reach"),
}
#: A centroid this many standard deviations from the mean earns a feature's word.
_NOTABLE_Z = 0.5
#: Follower size words by the centroid's z-score of log followers (below / above the cut-offs).
_SIZE_WORDS = ("small", "mid-size", "large")


#: Creators above which the silhouette score is computed on a sample of this many: it is quadratic
#: in the number of creators (3 to 4.5 s per k at 15,000 creators, scale 10; a ninth of that on a
#: sample of 5,000).
SILHOUETTE_SAMPLE = 5000


@dataclass(frozen=True)
class ClusterResult:
    """Assignments, per-cluster profile and quality of :func:`cluster_creators`."""

    assignments: pl.DataFrame  # key, cluster_id, cluster_name, the features
    profiles: pl.DataFrame  # cluster_id, cluster_name, creator_count, mean of each feature
    k: int
    silhouette: float
    inertia: float
    silhouette_by_k: dict[int, float]
    n_rows: int


def creator_features(
    posts: pl.DataFrame, followers_daily: pl.DataFrame, creators: pl.DataFrame
) -> pl.DataFrame:
    """One row of clustering features per creator (both platforms together).

    ``posts``: creator_username, posted_date, view_count, engagement_count,
    engagement_rate_by_followers, is_viral. ``followers_daily``: creator_username, platform,
    follower_date, follower_count. ``creators``: creator_username, followers_now.
    Features (:data:`CLUSTER_FEATURES`): ``log_followers`` (log1p of followers now),
    ``engagement_rate_by_views`` (engagements / views over posts with views),
    ``engagement_rate_by_followers`` (mean over posts), ``follower_growth_rate_30d`` (average
    30-day growth of the summed followers of the accounts, from first to last day, as a
    fraction), ``posts_per_week`` (posts / weeks between first and last post, at least one
    week) and ``viral_post_rate`` (share of viral posts). Creators without posts with views or
    without a follower series are left out (nothing to compare them on).
    """
    post_features = posts.group_by("creator_username").agg(
        (
            pl.col("engagement_count").filter(pl.col("view_count") > 0).sum()
            / pl.col("view_count").filter(pl.col("view_count") > 0).sum()
        )
        .cast(pl.Float64)
        .alias("engagement_rate_by_views"),
        pl.col("engagement_rate_by_followers").mean().alias("engagement_rate_by_followers"),
        (
            pl.len()
            / pl.max_horizontal(
                (pl.col("posted_date").max() - pl.col("posted_date").min()).dt.total_days() + 1,
                pl.lit(7),
            )
            * 7.0
        ).alias("posts_per_week"),
        pl.col("is_viral").cast(pl.Float64).mean().alias("viral_post_rate"),
    )
    ends = followers_daily.group_by("creator_username", "platform").agg(
        pl.col("follower_count").sort_by("follower_date").first().alias("first_count"),
        pl.col("follower_count").sort_by("follower_date").last().alias("last_count"),
        (pl.col("follower_date").max() - pl.col("follower_date").min())
        .dt.total_days()
        .alias("span_days"),
    )
    growth = (
        ends.group_by("creator_username")
        .agg(
            pl.col("first_count").sum().cast(pl.Float64).alias("first_count"),
            pl.col("last_count").sum().cast(pl.Float64).alias("last_count"),
            pl.col("span_days").max().alias("span_days"),
        )
        .filter((pl.col("first_count") > 0) & (pl.col("span_days") > 0))
        .select(
            "creator_username",
            (
                ((pl.col("last_count") / pl.col("first_count")).log() * 30.0 / pl.col("span_days"))
                .exp()
                .sub(1.0)
            ).alias("follower_growth_rate_30d"),
        )
    )
    size = creators.group_by("creator_username").agg(
        pl.col("followers_now").sum().cast(pl.Float64).log1p().alias("log_followers")
    )
    return (
        size.join(post_features, on="creator_username", how="inner")
        .join(growth, on="creator_username", how="inner")
        .drop_nulls(list(CLUSTER_FEATURES))
        .filter(pl.all_horizontal(pl.col(c).is_finite() for c in CLUSTER_FEATURES))
        .select("creator_username", *CLUSTER_FEATURES)
        .sort("creator_username")
    )


def _standardize(x: np.ndarray) -> np.ndarray:
    """Z-scores per column; a constant column becomes 0."""
    std = x.std(axis=0)
    return (x - x.mean(axis=0)) / np.where(std > 0, std, 1.0)


def _cluster_name(z: np.ndarray, features: Sequence[str]) -> tuple[str, str]:
    """Primary and fallback names of a centroid ``z`` (z-scores of ``features``)."""
    index = {name: i for i, name in enumerate(features)}
    size = (
        _SIZE_WORDS[0 if z[index["log_followers"]] < -_NOTABLE_Z else 2]
        if "log_followers" in index and abs(z[index["log_followers"]]) >= _NOTABLE_Z
        else _SIZE_WORDS[1]
    )
    traits = sorted(
        (
            (abs(z[index[name]]), words[0] if z[index[name]] > 0 else words[1])
            for name, words in _FEATURE_WORDS.items()
            if name in index and abs(z[index[name]]) >= _NOTABLE_Z
        ),
        reverse=True,
    )
    words = [word for _, word in traits]
    primary = f"{words[0] if words else 'typical'} {size}"
    fallback = f"{', '.join(words[:2]) if words else 'typical'} {size}"
    return primary, fallback


def _unique_names(named: list[tuple[str, str]]) -> list[str]:
    """Primary names, the fallback where two clusters share one, a number if still shared."""
    primary = [p for p, _ in named]
    names = [p if primary.count(p) == 1 else f for p, f in named]
    return [
        name if names.count(name) == 1 else f"{name} ({names[: i + 1].count(name)})"
        for i, name in enumerate(names)
    ]


def enough_creators(features: pl.DataFrame, k_range: Iterable[int] = range(2, 9)) -> bool:
    """Whether ``features`` holds more creators than the smallest candidate k (can be clustered)."""
    return any(2 <= k < features.height for k in k_range)


def cluster_creators(
    features: pl.DataFrame,
    k_range: Iterable[int] = range(2, 9),
    seed: int = 7,
    feature_names: Sequence[str] = CLUSTER_FEATURES,
    key: str = "creator_username",
    n_init: int = 10,
    silhouette_sample: int = SILHOUETTE_SAMPLE,
) -> ClusterResult:
    """Segment creators with k-means on standardized features, k chosen by silhouette score.

    Every ``k`` of ``k_range`` below the number of creators is fitted (``n_init`` starts,
    ``seed``: deterministic); the k with the highest silhouette score wins (ties: the smaller).
    The silhouette compares every pair of creators, so above ``silhouette_sample`` creators it is
    computed on a random sample of that many (the same sample for every k, drawn from ``seed``);
    up to it, on all of them.
    Clusters are numbered 1..k by decreasing size (ties: by centroid), and named from their
    centroid in plain words: a size word from log followers (small / mid-size / large, at half a
    standard deviation from the mean) after the feature that sets the cluster most apart (e.g.
    "fast-growing small", "high-engagement large"; "typical" when none stands out).
    """
    names = list(feature_names)
    x = _standardize(features.select(names).to_numpy().astype(np.float64))
    n = x.shape[0]
    candidates = [k for k in k_range if 2 <= k < n]
    if not candidates:
        raise ValueError(f"need more creators than the smallest k, got {n}")
    fits: dict[int, KMeans] = {}
    scores: dict[int, float] = {}
    for k in candidates:
        fits[k] = KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(x)
        labels = fits[k].labels_
        scores[k] = (
            float(
                silhouette_score(
                    x,
                    labels,
                    sample_size=silhouette_sample if n > silhouette_sample else None,
                    random_state=seed,
                )
            )
            if len(np.unique(labels)) > 1
            else float("-inf")
        )
    best = max(candidates, key=lambda k: (scores[k], -k))
    fit = fits[best]
    sizes = np.bincount(fit.labels_, minlength=best)
    order = sorted(range(best), key=lambda c: (-sizes[c], tuple(fit.cluster_centers_[c])))
    cluster_id = {old: new + 1 for new, old in enumerate(order)}
    cluster_names = _unique_names([_cluster_name(fit.cluster_centers_[c], names) for c in order])
    labels = pl.DataFrame(
        {
            "cluster_id": pl.Series([cluster_id[c] for c in fit.labels_], dtype=pl.Int64),
            "cluster_name": [cluster_names[cluster_id[c] - 1] for c in fit.labels_],
        }
    )
    assignments = pl.concat(
        [features.select(key), labels, features.select(names)], how="horizontal"
    )
    profiles = (
        assignments.group_by("cluster_id", "cluster_name")
        .agg(pl.len().cast(pl.Int64).alias("creator_count"), *(pl.col(c).mean() for c in names))
        .sort("cluster_id")
    )
    return ClusterResult(
        assignments=assignments.sort(key),
        profiles=profiles,
        k=best,
        silhouette=scores[best],
        inertia=float(fit.inertia_),
        silhouette_by_k=scores,
        n_rows=n,
    )


def cluster_metrics(
    result: ClusterResult | None, model_name: str, split: str = "all"
) -> pl.DataFrame:
    """The clustering quality as rows of a metrics table: model_name, metric, split, value, n_rows.

    Metrics: ``silhouette`` (-1..1, of the chosen k), ``k_chosen``, ``inertia`` (within-cluster
    sum of squared distances on the standardized features). ``None`` (too few creators to
    cluster) gives no rows.
    """
    if result is None:
        return _metrics_frame([], model_name, split, 0)
    rows = [
        ("silhouette", result.silhouette),
        ("k_chosen", float(result.k)),
        ("inertia", result.inertia),
    ]
    return _metrics_frame(rows, model_name, split, result.n_rows)


def _metrics_frame(
    rows: Sequence[tuple[str, float]], model_name: str, split: str, n_rows: int
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "model_name": [model_name] * len(rows),
            "metric": [metric for metric, _ in rows],
            "split": [split] * len(rows),
            "value": [value for _, value in rows],
            "n_rows": [n_rows] * len(rows),
        },
        schema={
            "model_name": pl.String,
            "metric": pl.String,
            "split": pl.String,
            "value": pl.Float64,
            "n_rows": pl.Int64,
        },
    )


def _fit_trend(
    daily: pl.DataFrame, keys: Sequence[str], fit_window_days: int, min_fit_days: int
) -> pl.DataFrame:
    """Least-squares line through log followers of each series' last ``fit_window_days`` days.

    Returns keys, last_date, last_count, fit_days, log_level (fitted log followers on the last
    day) and log_slope (per day). Series with fewer than ``min_fit_days`` positive days in the
    window are left out.
    """
    with_end = daily.with_columns(
        pl.col("follower_date").max().over(keys).alias("last_date")
    ).with_columns(
        (pl.col("follower_date") - pl.col("last_date")).dt.total_days().alias("day_offset")
    )
    window = with_end.filter(
        (pl.col("day_offset") > -fit_window_days) & (pl.col("follower_count") > 0)
    )
    x = pl.col("day_offset").cast(pl.Float64)
    y = pl.col("follower_count").cast(pl.Float64).log()
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    fitted = window.group_by(*keys).agg(
        pl.col("last_date").first(),
        pl.col("follower_count").filter(pl.col("day_offset") == 0).first().alias("last_count"),
        pl.len().alias("fit_days"),
        (y.mean() - slope * x.mean()).alias("log_level"),
        slope.alias("log_slope"),
    )
    return fitted.filter(
        (pl.col("fit_days") >= min_fit_days) & pl.col("log_slope").is_finite()
    ).sort(keys)


def _point_forecast(
    daily: pl.DataFrame,
    keys: Sequence[str],
    horizon: int,
    fit_window_days: int,
    min_fit_days: int,
) -> pl.DataFrame:
    """Point forecast ``horizon`` days after each series' last day: keys, forecast_date, ..."""
    return _fit_trend(daily, keys, fit_window_days, min_fit_days).with_columns(
        pl.lit(horizon, dtype=pl.Int64).alias("horizon_days"),
        (pl.col("last_date") + pl.duration(days=horizon)).alias("forecast_date"),
        (pl.col("log_level") + pl.col("log_slope") * horizon).exp().alias("followers_forecast"),
    )


def _truncate(daily: pl.DataFrame, keys: Sequence[str], days: int) -> pl.DataFrame:
    """Each series without its last ``days`` days (what was known ``days`` days before its end)."""
    return daily.filter(
        pl.col("follower_date") <= pl.col("follower_date").max().over(keys) - pl.duration(days=days)
    )


def forecast_followers(
    daily: pl.DataFrame,
    horizons: Sequence[int] = (30, 90),
    keys: Sequence[str] = ("creator_username", "platform"),
    fit_window_days: int = 56,
    min_fit_days: int = 14,
    interval_quantiles: tuple[float, float] = (0.1, 0.9),
) -> pl.DataFrame:
    """Followers of every series ``horizons`` days after its last day, with an interval.

    ``daily``: ``keys``, follower_date, follower_count (one row per series and day). The model is
    a straight line through log followers over the last ``fit_window_days`` days of each series
    (constant daily growth rate), extrapolated. The interval is calibrated on the series'
    own past: each series is cut ``h`` days before its end, forecast ``h`` days ahead from that
    earlier part, and the ``interval_quantiles`` of the log errors pooled over all series
    (widened to include 0, so the interval always contains the forecast) multiply the forecast.
    With no series long enough to calibrate, the interval is null. Only ``daily`` is read: the
    forecast of a truncated frame never sees the truncated days. Columns: keys, horizon_days,
    last_date, last_count, fit_days, daily_growth_rate, forecast_date, followers_forecast,
    followers_forecast_low, followers_forecast_high.
    """
    keys = list(keys)
    low_q, high_q = interval_quantiles
    frames = []
    for horizon in horizons:
        point = _point_forecast(daily, keys, horizon, fit_window_days, min_fit_days)
        past = _point_forecast(
            _truncate(daily, keys, horizon), keys, horizon, fit_window_days, min_fit_days
        )
        errors = (
            past.join(
                daily.select(
                    *keys, pl.col("follower_date").alias("forecast_date"), "follower_count"
                ),
                on=[*keys, "forecast_date"],
                how="inner",
            )
            .filter(pl.col("follower_count") > 0)
            .select(
                (
                    pl.col("follower_count").cast(pl.Float64).log()
                    - pl.col("followers_forecast").log()
                ).alias("log_error")
            )["log_error"]
            .to_numpy()
        )
        if errors.size:
            low = min(float(np.quantile(errors, low_q)), 0.0)
            high = max(float(np.quantile(errors, high_q)), 0.0)
            bounds = (
                (pl.col("followers_forecast") * np.exp(low)).alias("followers_forecast_low"),
                (pl.col("followers_forecast") * np.exp(high)).alias("followers_forecast_high"),
            )
        else:
            bounds = (
                pl.lit(None, dtype=pl.Float64).alias("followers_forecast_low"),
                pl.lit(None, dtype=pl.Float64).alias("followers_forecast_high"),
            )
        frames.append(point.with_columns(*bounds))
    return (
        pl.concat(frames)
        .with_columns(pl.col("log_slope").exp().sub(1.0).alias("daily_growth_rate"))
        .select(
            *keys,
            "horizon_days",
            "last_date",
            pl.col("last_count").cast(pl.Int64),
            pl.col("fit_days").cast(pl.Int64),
            "daily_growth_rate",
            "forecast_date",
            "followers_forecast",
            "followers_forecast_low",
            "followers_forecast_high",
        )
        .sort(*keys, "horizon_days")
    )


@dataclass(frozen=True)
class ForecastBacktest:
    """Held-out forecasts and their errors, per horizon (:func:`backtest_forecast`)."""

    predictions: pl.DataFrame  # forecast_followers columns + actual_followers
    metrics: pl.DataFrame  # horizon_days, mae_followers, mape, interval_coverage, n_rows


def backtest_forecast(
    daily: pl.DataFrame,
    horizons: Sequence[int] = (30, 90),
    keys: Sequence[str] = ("creator_username", "platform"),
    **forecast_options: object,
) -> ForecastBacktest:
    """Time-based backtest: hold out the last ``h`` days of every series, forecast them, score.

    For each horizon ``h``, every series is cut ``h`` days before its last day; the forecast
    (:func:`forecast_followers`, interval included) is made from the cut series only and compared
    with the followers actually observed ``h`` days later. Metrics per horizon: ``mae_followers``
    (mean absolute error), ``mape`` (mean absolute error / actual, a fraction) and
    ``interval_coverage`` (share of actuals inside the interval, a fraction).
    """
    keys = list(keys)
    frames = []
    for horizon in horizons:
        forecast = forecast_followers(
            _truncate(daily, keys, horizon), (horizon,), keys, **forecast_options
        )
        frames.append(
            forecast.join(
                daily.select(
                    *keys,
                    pl.col("follower_date").alias("forecast_date"),
                    pl.col("follower_count").alias("actual_followers"),
                ),
                on=[*keys, "forecast_date"],
                how="inner",
            ).filter(pl.col("actual_followers") > 0)
        )
    predictions = pl.concat(frames)
    error = (pl.col("followers_forecast") - pl.col("actual_followers")).abs()
    metrics = (
        predictions.group_by("horizon_days")
        .agg(
            error.mean().alias("mae_followers"),
            (error / pl.col("actual_followers")).mean().alias("mape"),
            pl.col("actual_followers")
            .is_between(pl.col("followers_forecast_low"), pl.col("followers_forecast_high"))
            .cast(pl.Float64)
            .mean()
            .alias("interval_coverage"),
            pl.len().cast(pl.Int64).alias("n_rows"),
        )
        .sort("horizon_days")
    )
    return ForecastBacktest(predictions=predictions, metrics=metrics)


def forecast_metrics(
    result: ForecastBacktest, model_name: str, split: str = "test"
) -> pl.DataFrame:
    """The backtest as rows of a metrics table: one row per metric and horizon.

    Metric names carry the horizon: ``mae_followers_h30``, ``mape_h30``,
    ``interval_coverage_h30``, ... (a horizon without an interval has no coverage row).
    """
    frames = [
        _metrics_frame(
            [
                (f"{metric}_h{row['horizon_days']}", row[metric])
                for metric in ("mae_followers", "mape", "interval_coverage")
                if row[metric] is not None
            ],
            model_name,
            split,
            row["n_rows"],
        )
        for row in result.metrics.iter_rows(named=True)
    ]
    return pl.concat(frames) if frames else _metrics_frame([], model_name, split, 0)


def shared_cluster_creators(
    features: pl.DataFrame, k_range: range, seed: int
) -> ClusterResult | None:
    """:func:`cluster_creators`, fitted once per process for the same features and parameters.

    ``creator_clusters`` and ``creator_cluster_quality`` fit the same clustering in one
    ``dbt build``: the first fits it, the other reuses it. ``None`` when there are too few
    creators to cluster (a tiny extract), so that a model returns no rows rather than failing.
    """
    if not enough_creators(features, k_range):
        return None
    return shared_in_process(
        "creator_clusters_fit",
        lambda: cluster_creators(features, k_range=k_range, seed=seed),
        features,
        k_range.start,
        k_range.stop - 1,
        seed,
    )
