"""What drives the regret model's predictions, in plain words (thin wrapper).

Refits the same deterministic model as ``regret_scores`` (same YAML ``config:``) and explains it
on the test lines with ``social_commerce.regret.regret_drivers``: permutation importance (drop of
test ROC AUC when a feature is shuffled) and a partial-dependence contrast (mean predicted
probability with the feature high minus low).
"""

import polars as pl
from threadpoolctl import threadpool_limits

from social_commerce.memo import shared_in_process
from social_commerce.regret import fit_from_features, regret_drivers

SCHEMA = {
    "driver": pl.String,
    "driver_rank": pl.Int64,
    "importance_auc_drop": pl.Float64,
    "effect": pl.Float64,
    "direction": pl.String,
    "high_level": pl.String,
    "low_level": pl.String,
    "sentence": pl.String,
}


def model(dbt, session):
    # One thread for scikit-learn's OpenMP/BLAS pools: dbt runs two models at once on the two
    # cores, and a pool per model oversubscribes them and spins (the regret fit took 130 s with
    # the default pools and 5-10 s with one thread on the reference machine; the k-means of the
    # creator clusters 51 s and 2 s). Results are the same (to float rounding of BLAS sums).
    with threadpool_limits(1):
        result = _model(dbt)
    return result


def _model(dbt):
    features = dbt.ref("int_order_line_regret_features").pl()
    test_share = float(dbt.config.get("test_share"))
    validation_share = float(dbt.config.get("validation_share"))
    random_state = int(dbt.config.get("random_state"))
    try:
        # regret_scores, regret_model_metrics and regret_model_drivers fit the same model on the
        # same rows: it is fitted once per build and shared (the fit sorts the rows itself)
        fitted, split, frame = shared_in_process(
            "regret_fit",
            lambda: fit_from_features(
                features,
                test_share=test_share,
                validation_share=validation_share,
                random_state=random_state,
            ),
            features.sort("ordered_at", "order_line_id"),
            test_share,
            validation_share,
            random_state,
        )
    except ValueError:
        # Too few labelled lines (a tiny extract): no rows rather than a failed build.
        return pl.DataFrame(schema=SCHEMA)
    test = frame.filter(pl.Series(split.test))
    drivers = regret_drivers(
        fitted,
        test,
        test["is_regret_observed"].to_numpy(),
        n_repeats=int(dbt.config.get("permutation_repeats")),
        random_state=int(dbt.config.get("random_state")),
    )
    return drivers.select(list(SCHEMA))
