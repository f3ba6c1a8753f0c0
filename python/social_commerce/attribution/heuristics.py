"""Rule-based (heuristic) attribution: per-touch credit weights that sum to 1 within a path.

Every function works on an exploded frame, one row per touch, with the columns ``_group`` (the
path key), ``_pos`` (0-based position in time order), ``_n`` (touches in the path),
``channel`` and, for time decay, ``_age`` (how long before the conversion the touch was, in the
decay's unit). Credits are computed with window expressions, never with a loop over paths.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

#: Rule-based models, in the order they are reported.
HEURISTIC_MODELS = (
    "first_touch",
    "last_touch",
    "last_non_direct",
    "linear",
    "time_decay",
    "position_based",
)


def check_position_weights(position_weights: Sequence[float]) -> tuple[float, float, float]:
    """Return ``(first, middle, last)`` after checking there are three weights >= 0 summing to 1."""
    weights = tuple(float(w) for w in position_weights)
    if len(weights) != 3 or min(weights) < 0 or abs(sum(weights) - 1.0) > 1e-9:
        raise ValueError(
            f"position_weights must be three numbers >= 0 that sum to 1, got {position_weights}"
        )
    return weights  # type: ignore[return-value]


def heuristic_credit(
    touches: pl.DataFrame,
    model: str,
    *,
    direct_channel: str = "direct",
    position_weights: Sequence[float] = (0.4, 0.2, 0.4),
    half_life: float = 1.0,
) -> pl.Series:
    """Credit of each touch under a rule-based ``model`` (a Float64 series, sums to 1 per path).

    - ``first_touch`` / ``last_touch``: all credit to the first / last touch.
    - ``last_non_direct``: all credit to the last touch whose channel is not ``direct_channel``;
      a path made only of direct touches credits its last touch.
    - ``linear``: ``1 / n`` to each touch.
    - ``time_decay``: weight ``2 ** (-_age / half_life)``, normalized within the path.
    - ``position_based``: one touch gets 1, two touches 0.5 each; otherwise the first and last
      touches get ``position_weights[0]`` and ``position_weights[2]`` and the middle touches share
      ``position_weights[1]`` equally.
    """
    pos, n = pl.col("_pos"), pl.col("_n")
    if model == "first_touch":
        expr = (pos == 0).cast(pl.Float64)
    elif model == "last_touch":
        expr = (pos == n - 1).cast(pl.Float64)
    elif model == "last_non_direct":
        non_direct_pos = pl.when(pl.col("channel") != direct_channel).then(pos)
        target = non_direct_pos.max().over("_group").fill_null(n - 1)
        expr = (pos == target).cast(pl.Float64)
    elif model == "linear":
        expr = 1.0 / n.cast(pl.Float64)
    elif model == "time_decay":
        if not half_life > 0:
            raise ValueError(f"the time-decay half-life must be > 0, got {half_life}")
        # Ages relative to the youngest touch of the path, so that old paths do not underflow.
        # Window expressions are evaluated one step at a time (nesting them is slow).
        relative = touches.select(
            pl.col("_group"), (pl.col("_age") - pl.col("_age").min().over("_group")).alias("_a")
        )
        raw = relative.select(
            pl.col("_group"), (pl.col("_a") * (-math.log(2.0) / half_life)).exp().alias("_w")
        )  # 2 ** (-age / half_life)
        return raw.select(
            (pl.col("_w") / pl.col("_w").sum().over("_group")).alias("credit")
        ).to_series()
    elif model == "position_based":
        first, middle, last = check_position_weights(position_weights)
        expr = (
            pl.when(n == 1)
            .then(1.0)
            .when(n == 2)
            .then(0.5)
            .when(pos == 0)
            .then(first)
            .when(pos == n - 1)
            .then(last)
            .otherwise(middle / (n - 2).cast(pl.Float64))
        )
    else:
        raise ValueError(f"unknown heuristic model {model!r}; expected one of {HEURISTIC_MODELS}")
    return touches.select(expr.cast(pl.Float64).alias("credit")).to_series()
