"""Exact k-order Markov-chain attribution (removal effects solved as an absorbing chain).

States: ``(start)``, one transient state per observed tuple of the last ``k`` channels, and the
absorbing ``(conversion)`` and ``(null)``. Every path ``c1 > ... > cn`` with ``conv``
conversions and ``null`` non-conversions adds weight ``conv + null`` to each of its transitions
``(start) -> s1 -> ... -> sn`` and then ``conv`` to ``sn -> (conversion)`` and ``null`` to
``sn -> (null)``, where ``si`` is the tuple ``(c[i-k+1], ..., c[i])`` padded on the left with
``(start)`` (so for ``k = 1`` the states are the channels). Rows are normalized to transition
probabilities.

The conversion probability is the absorption probability into ``(conversion)`` from
``(start)``: with ``Q`` the transient-to-transient block and ``r`` the transient-to-conversion
column, ``x = (I - Q)^-1 r`` solved exactly with a sparse LU (``scipy.sparse.linalg.spsolve``);
no simulation. Removing channel ``c`` sends every transition into a state that contains ``c`` to
``(null)``, which is the same as deleting those states from the linear system while keeping the
row totals. ``removal_effect(c) = 1 - P(conversion | c removed) / P(conversion)``.

Consecutive repeats (``a > a > b``) are kept: for ``k = 1`` they are self-loops, which never
change an absorption probability (a self-loop only rescales the other transitions of its row),
so dropping them, as marketing-attribution-models does by default and ChannelAttribution does,
gives the same removal effects. Left padding with ``(start)`` gives the same conversion
probabilities as ChannelAttribution's states (the first ``k`` channels, or the whole path when it
is shorter): the padded prefix states are only reachable from ``(start)``, so they only split
the first transition into steps whose probabilities multiply to the same value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy.sparse.linalg import spsolve

from social_commerce.attribution.paths import explode_paths

#: Highest Markov order accepted (states are encoded as integers in base channels + 1).
MAX_ORDER = 6


@dataclass(frozen=True)
class MarkovFit:
    """A fitted chain: per channel removal effects and conversion probabilities."""

    order: int
    channels: list[str]
    conversion_probability: float
    conversion_probability_without: np.ndarray
    removal_effect: np.ndarray
    transient_states: int


def fit_markov(
    channels: pl.Series, conversions: np.ndarray, nulls: np.ndarray, order: int = 1
) -> MarkovFit:
    """Fit a k-order chain on paths (``channels``: list of str per path) and their counts.

    ``conversions`` and ``nulls`` are the path weights (numbers >= 0, one per path). Paths with
    no weight are ignored. Transitions are built from the exploded paths with numpy; only the
    loop over channels (one sparse solve each) is in Python.
    """
    if not 1 <= order <= MAX_ORDER:
        raise ValueError(f"the Markov order must be between 1 and {MAX_ORDER}, got {order}")
    conversions = np.asarray(conversions, dtype=np.float64)
    nulls = np.asarray(nulls, dtype=np.float64)
    keep = (conversions + nulls) > 0
    all_names = channels.explode().cast(pl.String).drop_nulls().unique().sort().to_list()
    if not keep.any():
        zeros = np.zeros(len(all_names))
        return MarkovFit(order, all_names, 0.0, zeros, zeros.copy(), 0)
    channels, conversions, nulls = channels.filter(pl.Series(keep)), conversions[keep], nulls[keep]
    path_index, position, codes, names = explode_paths(channels)
    n_channels = len(names)
    base = n_channels + 1  # code n_channels is the (start) padding
    if base**order >= 2**62:
        raise ValueError(f"too many channels ({n_channels}) for a Markov chain of order {order}")

    # State key of each touch: the last `order` channels, padded with (start), in base `base`.
    index = np.arange(len(codes), dtype=np.int64)
    key = np.zeros(len(codes), dtype=np.int64)
    for lag in range(order):
        lagged = np.where(position >= lag, codes[np.maximum(index - lag, 0)], n_channels)
        key += lagged * base**lag
    state_keys, state_of_touch = np.unique(key, return_inverse=True)
    n_states = len(state_keys) + 1  # transient state 0 is (start)
    to_state = state_of_touch.astype(np.int64) + 1
    from_state = np.where(position == 0, 0, np.roll(to_state, 1))

    weight = conversions + nulls
    counts = sp.csr_matrix((weight[path_index], (from_state, to_state)), shape=(n_states, n_states))
    is_last = np.append(path_index[1:] != path_index[:-1], True)
    last_state = to_state[is_last]
    to_conversion = np.bincount(last_state, weights=conversions, minlength=n_states)
    to_null = np.bincount(last_state, weights=nulls, minlength=n_states)
    totals = np.asarray(counts.sum(axis=1)).ravel() + to_conversion + to_null
    inverse = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
    system = (sp.identity(n_states, format="csr") - sp.diags(inverse) @ counts).tocsc()
    absorb = to_conversion * inverse

    def conversion_probability(keep_states: np.ndarray | None) -> float:
        if absorb.sum() == 0:
            return 0.0
        if keep_states is None:
            return float(np.atleast_1d(spsolve(system, absorb))[0])
        sub = system[keep_states][:, keep_states]
        return float(np.atleast_1d(spsolve(sub.tocsc(), absorb[keep_states]))[0])

    p_full = conversion_probability(None)
    digits = np.stack([(state_keys // base**lag) % base for lag in range(order)], axis=1)
    without = np.zeros(n_channels)
    for code in range(n_channels):
        keep_states = np.concatenate([[True], ~(digits == code).any(axis=1)])
        without[code] = conversion_probability(keep_states)
    removal = np.clip(1.0 - without / p_full, 0.0, 1.0) if p_full > 0 else np.zeros(n_channels)
    # Channels only seen on weightless paths: no effect.
    lookup = {name: i for i, name in enumerate(names)}
    full_without = np.array([without[lookup[n]] if n in lookup else p_full for n in all_names])
    full_removal = np.array([removal[lookup[n]] if n in lookup else 0.0 for n in all_names])
    return MarkovFit(order, all_names, p_full, full_without, full_removal, n_states)


def markov_removal_effects(paths_summary: pl.DataFrame, order: int = 1) -> pl.DataFrame:
    """Removal effect of each channel in an exact ``order``-order chain fitted on a path summary.

    Returns ``channel_name``, ``removal_effect`` and ``conversion_probability_without`` (the
    probability of converting from ``(start)`` once the channel is removed), sorted by channel.
    The path summary has the columns of :func:`attribute_paths`.
    """
    from social_commerce.attribution.paths import normalize_paths

    summary = normalize_paths(paths_summary)
    fit = fit_markov(
        summary["channels"],
        summary["total_conversions"].to_numpy(),
        summary["total_null"].to_numpy(),
        order,
    )
    return pl.DataFrame(
        {
            "channel_name": fit.channels,
            "removal_effect": fit.removal_effect,
            "conversion_probability_without": fit.conversion_probability_without,
        },
        schema={
            "channel_name": pl.String,
            "removal_effect": pl.Float64,
            "conversion_probability_without": pl.Float64,
        },
    )
