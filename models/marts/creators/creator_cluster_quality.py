"""Quality of the creator clustering, as rows of a metrics table (thin wrapper).

Same features and parameters as ``creator_clusters`` (YAML ``config:``); the metrics come from
``social_commerce.creators.cluster_metrics`` (tested with pytest).
"""

from datetime import UTC, datetime

import polars as pl

from social_commerce.creators import (
    FEATURE_INPUT_COLUMNS,
    cluster_metrics,
    creator_features,
    shared_cluster_creators,
)
from social_commerce.threads import on_one_thread

MODEL_NAME = "creator_clusters_kmeans"


def model(dbt, session):
    return on_one_thread(_model, dbt)


def _model(dbt):
    # literal refs: dbt finds a Python model's parents by reading its source
    columns = FEATURE_INPUT_COLUMNS
    features = creator_features(
        dbt.ref("fct_posts").project(columns["fct_posts"]).pl(),
        dbt.ref("fct_creator_daily_growth").project(columns["fct_creator_daily_growth"]).pl(),
        dbt.ref("dim_creators").project(columns["dim_creators"]).pl(),
    )
    # each config read on a line of its own: dbt sees a key only in a plain dbt.config.get call
    k_min = int(dbt.config.get("k_min"))
    k_max = int(dbt.config.get("k_max"))
    k_range = range(k_min, k_max + 1)
    # creator_clusters and creator_cluster_quality fit the same clustering: once per build
    # (None: too few creators to cluster, a tiny extract; the metrics then say so)
    result = shared_cluster_creators(features, k_range, seed=int(dbt.config.get("seed")))
    computed_at = datetime.now(UTC).replace(tzinfo=None)
    return cluster_metrics(result, MODEL_NAME, "all").with_columns(
        pl.lit(computed_at, dtype=pl.Datetime("us")).alias("computed_at")
    )
