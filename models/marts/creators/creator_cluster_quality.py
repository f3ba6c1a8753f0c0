"""Quality of the creator clustering, as rows of a metrics table (thin wrapper).

Same features and parameters as ``creator_clusters`` (YAML ``config:``); the metrics come from
``social_commerce.creators.cluster_metrics`` (tested with pytest).
"""

from datetime import UTC, datetime

import polars as pl
from threadpoolctl import threadpool_limits

from social_commerce.creators import (
    cluster_creators,
    cluster_metrics,
    creator_features,
    enough_creators,
)
from social_commerce.memo import shared_in_process

MODEL_NAME = "creator_clusters_kmeans"


def model(dbt, session):
    # One thread for scikit-learn's OpenMP/BLAS pools: dbt runs two models at once on the two
    # cores, and a pool per model oversubscribes them and spins (the regret fit took 130 s with
    # the default pools and 5-10 s with one thread on the reference machine; the k-means of the
    # creator clusters 51 s and 2 s). Results are the same (to float rounding of BLAS sums).
    with threadpool_limits(1):
        result = _model(dbt)
    return result


def _model(dbt):
    k_min = int(dbt.config.get("k_min"))
    k_max = int(dbt.config.get("k_max"))
    seed = int(dbt.config.get("seed"))
    posts = (
        dbt.ref("fct_posts")
        .project(
            "creator_username, posted_date, view_count, engagement_count, "
            "engagement_rate_by_followers, is_viral"
        )
        .pl()
    )
    followers = (
        dbt.ref("fct_creator_daily_growth")
        .project("creator_username, platform, follower_date, follower_count")
        .pl()
    )
    accounts = dbt.ref("dim_creators").project("creator_username, followers_now").pl()
    features = creator_features(posts, followers, accounts)
    k_range = range(k_min, k_max + 1)
    # Too few creators to cluster (a tiny extract): no rows rather than a failed build.
    # creator_clusters fits the same clustering: fitted once per build and shared
    result = (
        shared_in_process(
            "creator_clusters_fit",
            lambda: cluster_creators(features, k_range=k_range, seed=seed),
            features,
            k_min,
            k_max,
            seed,
        )
        if enough_creators(features, k_range)
        else None
    )
    computed_at = datetime.now(UTC).replace(tzinfo=None)
    return cluster_metrics(result, MODEL_NAME, "all").with_columns(
        pl.lit(computed_at, dtype=pl.Datetime("us")).alias("computed_at")
    )
