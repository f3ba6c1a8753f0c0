"""Multi-touch attribution: heuristics, exact k-order Markov removal effects and exact Shapley.

Pure, vectorized functions over polars frames; see ``README.md`` in this folder for the exact
definitions and worked examples.
"""

from social_commerce.attribution.engine import (
    MODELS,
    PATH_MODELS,
    TOUCHPOINT_MODELS,
    attribute_paths,
    credit_touchpoints,
    resolve_models,
)
from social_commerce.attribution.heuristics import HEURISTIC_MODELS
from social_commerce.attribution.markov import MarkovFit, fit_markov, markov_removal_effects
from social_commerce.attribution.paths import normalize_paths, read_paths_csv
from social_commerce.attribution.shapley import channel_set_masks, shapley_shares

__all__ = [
    "HEURISTIC_MODELS",
    "MODELS",
    "PATH_MODELS",
    "TOUCHPOINT_MODELS",
    "MarkovFit",
    "attribute_paths",
    "channel_set_masks",
    "credit_touchpoints",
    "fit_markov",
    "markov_removal_effects",
    "normalize_paths",
    "read_paths_csv",
    "resolve_models",
    "shapley_shares",
]
