"""Exact Shapley-value attribution over channel sets.

For a set ``U`` of channels, ``rate(U) = conversions / (conversions + nulls)`` of the paths whose
channel *set* is exactly ``U`` (0 when no path has that set; ``rate(∅) = 0``). For each distinct
channel set ``S`` of converting paths we play the game restricted to ``S`` with the monotone
closure ``v(T) = max over U ⊆ T of rate(U)`` and compute the exact Shapley value

    φ_c = Σ_{T ⊆ S \\ {c}} |T|! (|S| - |T| - 1)! / |S|! · (v(T ∪ {c}) - v(T)).

Efficiency gives ``Σ φ_c = v(S)``; a path with set ``S`` gives channel ``c`` the share
``φ_c / v(S)`` of its conversions and value. The closure makes ``v`` monotone, so every marginal
contribution, hence every share, is >= 0: with raw rates a channel whose set converts less often
than a subset (``rate({a, b}) < rate({a})``) would get negative credit.

Subsets are enumerated as bitmasks with numpy (``2 ** |S|`` values per set); the Python loop runs
over distinct channel sets and their channels only.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

from social_commerce.attribution.paths import explode_paths

#: Largest channel set enumerated exactly (2 ** 15 = 32768 subsets).
MAX_SET_SIZE = 15
#: Channel sets are int64 bitmasks.
MAX_CHANNELS = 62


def channel_set_masks(channels: pl.Series) -> tuple[np.ndarray, list[str]]:
    """Bitmask of the channel set of each path (bit ``i`` = ``names[i]``) and the channel names."""
    path_index, _, codes, names = explode_paths(channels)
    if len(names) > MAX_CHANNELS:
        raise ValueError(
            f"Shapley attribution supports at most {MAX_CHANNELS} distinct channels, "
            f"got {len(names)}"
        )
    if len(codes) == 0:
        return np.zeros(0, dtype=np.int64), names
    bits = np.left_shift(np.int64(1), codes)
    starts = np.flatnonzero(np.append(True, path_index[1:] != path_index[:-1]))
    return np.bitwise_or.reduceat(bits, starts), names


def shapley_shares(
    masks: np.ndarray,
    conversions: np.ndarray,
    nulls: np.ndarray,
    value: np.ndarray | None = None,
    max_set_size: int = MAX_SET_SIZE,
) -> pl.DataFrame:
    """Share ``φ_c / v(S)`` of every channel ``c`` in every credited channel set ``S``.

    ``masks`` are the channel sets of the paths (see :func:`channel_set_masks`) with their
    ``conversions`` and ``nulls``. Sets of paths with conversions (or, when given, a ``value``)
    are credited. Returns ``set_mask`` (Int64), ``channel_code`` (Int64), ``share`` (Float64);
    the shares of each set sum to 1. Raises ``ValueError`` when a credited set has more than
    ``max_set_size`` channels.
    """
    empty = pl.DataFrame(
        schema={"set_mask": pl.Int64, "channel_code": pl.Int64, "share": pl.Float64}
    )
    if len(masks) == 0:
        return empty
    conversions = np.asarray(conversions, dtype=np.float64)
    nulls = np.asarray(nulls, dtype=np.float64)
    observed, inverse = np.unique(masks, return_inverse=True)
    conv_by_set = np.bincount(inverse, weights=conversions, minlength=len(observed))
    null_by_set = np.bincount(inverse, weights=nulls, minlength=len(observed))
    trials = conv_by_set + null_by_set
    rate = np.divide(conv_by_set, trials, out=np.zeros_like(trials), where=trials > 0)
    credited = conv_by_set > 0
    if value is not None:
        value_by_set = np.bincount(inverse, weights=np.asarray(value, float), minlength=len(rate))
        credited |= value_by_set > 0

    set_rows: list[np.ndarray] = []
    code_rows: list[np.ndarray] = []
    share_rows: list[np.ndarray] = []
    for full in observed[credited]:
        members = np.flatnonzero([(int(full) >> bit) & 1 for bit in range(MAX_CHANNELS)])
        size = len(members)
        if size > max_set_size:
            raise ValueError(
                f"a converting path touches {size} distinct channels; exact Shapley is capped "
                f"at {max_set_size} channels per path (2^{max_set_size} coalitions)"
            )
        local = np.arange(2**size, dtype=np.int64)
        global_mask = np.zeros_like(local)
        for j, bit in enumerate(members):
            global_mask |= ((local >> j) & 1) << int(bit)
        where = np.minimum(np.searchsorted(observed, global_mask), len(observed) - 1)
        v = np.where(observed[where] == global_mask, rate[where], 0.0)
        for j in range(size):  # monotone closure: max over subsets, one bit at a time
            has = (local >> j) & 1 == 1
            v[has] = np.maximum(v[has], v[local[has] ^ (1 << j)])
        coalition_size = np.bitwise_count(local).astype(np.int64)
        coef = np.array(
            [
                math.factorial(t) * math.factorial(size - t - 1) / math.factorial(size)
                for t in range(size)
            ]
        )
        phi = np.empty(size)
        for j in range(size):
            without = local[(local >> j) & 1 == 0]
            phi[j] = np.sum(coef[coalition_size[without]] * (v[without | (1 << j)] - v[without]))
        total = v[-1]
        shares = phi / total if total > 0 else np.full(size, 1.0 / size)
        set_rows.append(np.full(size, full, dtype=np.int64))
        code_rows.append(members.astype(np.int64))
        share_rows.append(shares)
    if not set_rows:
        return empty
    return pl.DataFrame(
        {
            "set_mask": np.concatenate(set_rows),
            "channel_code": np.concatenate(code_rows),
            "share": np.concatenate(share_rows),
        }
    )
