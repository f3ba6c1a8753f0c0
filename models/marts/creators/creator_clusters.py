"""Creator segments from engagement and growth features, k chosen by silhouette (thin wrapper).

The logic lives in ``social_commerce.creators`` (tested with pytest): this model reads the refs,
calls it and returns a polars DataFrame. Parameters come from the model's YAML ``config:``.
"""

import polars as pl

from social_commerce.creators import (
    CLUSTER_FEATURES,
    FEATURE_INPUT_COLUMNS,
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
    result = shared_cluster_creators(features, k_range, seed=int(dbt.config.get("seed")))
    if result is None:
        # Too few creators to cluster (a tiny extract): no rows rather than a failed build.
        return features.head(0).select(
            "creator_username",
            pl.lit(None, dtype=pl.Int64).alias("cluster_id"),
            pl.lit(None, dtype=pl.String).alias("cluster_name"),
            *CLUSTER_FEATURES,
            pl.lit(None, dtype=pl.Int64).alias("k_chosen"),
            pl.lit(MODEL_NAME).alias("model_name"),
        )
    return result.assignments.with_columns(
        pl.lit(result.k, dtype=pl.Int64).alias("k_chosen"),
        pl.lit(MODEL_NAME).alias("model_name"),
    ).select(
        "creator_username",
        "cluster_id",
        "cluster_name",
        *CLUSTER_FEATURES,
        "k_chosen",
        "model_name",
    )
