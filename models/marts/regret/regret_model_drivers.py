"""What drives the regret model's predictions, in plain words (thin wrapper).

Refits the same deterministic model as ``regret_scores`` (same YAML ``config:``) and explains it
on the test lines with ``social_commerce.regret.regret_drivers``: permutation importance (drop of
test ROC AUC when a feature is shuffled) and a partial-dependence contrast (mean predicted
probability with the feature high minus low).
"""

import polars as pl

from social_commerce.regret import regret_drivers, shared_fit_from_features
from social_commerce.threads import on_one_thread

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
    return on_one_thread(_model, dbt)


def _model(dbt):
    features = dbt.ref("int_order_line_regret_features").pl()
    # dbt passes a model only the config keys its source names in literal dbt.config.get calls
    fit = shared_fit_from_features(
        features,
        test_share=float(dbt.config.get("test_share")),
        validation_share=float(dbt.config.get("validation_share")),
        random_state=int(dbt.config.get("random_state")),
    )
    if fit is None:
        # Too few labelled lines (a tiny extract): no rows rather than a failed build.
        return pl.DataFrame(schema=SCHEMA)
    fitted, split, frame = fit
    test = frame.filter(pl.Series(split.test))
    drivers = regret_drivers(
        fitted,
        test,
        test["is_regret_observed"].to_numpy(),
        n_repeats=int(dbt.config.get("permutation_repeats")),
        random_state=int(dbt.config.get("random_state")),
    )
    return drivers.select(list(SCHEMA))
