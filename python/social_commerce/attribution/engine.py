"""Channel-level (:func:`attribute_paths`) and touchpoint-level (:func:`credit_touchpoints`)
attribution over every model of the package."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import polars as pl

from social_commerce.attribution.heuristics import HEURISTIC_MODELS, heuristic_credit
from social_commerce.attribution.markov import MAX_ORDER, fit_markov
from social_commerce.attribution.paths import explode_paths, normalize_paths
from social_commerce.attribution.shapley import channel_set_masks, shapley_shares

#: Every model name an output can carry.
MODELS = (
    *HEURISTIC_MODELS,
    "markov_order_1",
    "markov_order_2",
    "markov_order_3",
    "shapley",
)
#: Default models of :func:`attribute_paths` ("markov" = Markov of the ``order`` argument).
PATH_MODELS = (*HEURISTIC_MODELS, "markov", "shapley")
#: Default models of :func:`credit_touchpoints`.
TOUCHPOINT_MODELS = MODELS

OUTPUT_SCHEMA = {
    "model": pl.String,
    "channel_name": pl.String,
    "total_conversions": pl.Float64,
    "total_conversion_value": pl.Float64,
    "removal_effect": pl.Float64,
}
TOUCHPOINT_COLUMNS = (
    "path_id",
    "touchpoint_index",
    "channel",
    "touched_at",
    "is_converting",
    "converted_at",
    "conversion_value",
)
_MARKOV = re.compile(r"markov_order_(\d+)")


def resolve_models(models: Sequence[str], order: int = 1) -> list[str]:
    """Model names with ``"markov"`` replaced by ``markov_order_{order}``, deduplicated.

    Raises ``ValueError`` naming the unknown models and the accepted ones.
    """
    if isinstance(models, str):
        models = [models]
    resolved: list[str] = []
    unknown: list[str] = []
    for name in models:
        name = f"markov_order_{order}" if name == "markov" else name
        match = _MARKOV.fullmatch(name)
        if name not in MODELS and not (match and 1 <= int(match.group(1)) <= MAX_ORDER):
            unknown.append(name)
        elif name not in resolved:
            resolved.append(name)
    if unknown:
        raise ValueError(
            f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)} or markov"
        )
    if not resolved:
        raise ValueError("no model requested")
    return resolved


def _markov_order(model: str) -> int | None:
    match = _MARKOV.fullmatch(model)
    return int(match.group(1)) if match else None


def attribute_paths(
    paths: pl.DataFrame,
    models: Sequence[str] = PATH_MODELS,
    order: int = 1,
    *,
    null_column: str = "total_null",
    direct_channel: str = "direct",
    position_weights: Sequence[float] = (0.4, 0.2, 0.4),
    half_life_touches: float = 1.0,
) -> pl.DataFrame:
    """Credit conversions and value of a path summary to channels, for each model.

    ``paths`` has ``path`` ("a > b > c"; spaces around ``>`` optional), ``total_conversions``,
    ``total_conversion_value`` and optionally ``null_column`` (non-converting journeys, default
    0). ``models`` are names from :data:`MODELS`, or ``"markov"`` for the Markov chain of
    ``order`` (reported as ``markov_order_{order}``).

    - Heuristics credit each path's conversions and value over its touches (see
      :func:`~social_commerce.attribution.heuristics.heuristic_credit`). A path summary has no
      timestamps, so ``time_decay`` decays by position: the touch ``j`` steps before the last
      one weighs ``2 ** (-j / half_life_touches)``.
    - ``markov_order_k``: channel ``c`` gets ``total × RE_c / Σ RE`` of the conversions and of the
      value (the global allocation of ChannelAttribution), with ``RE`` the exact removal
      effects (:mod:`social_commerce.attribution.markov`), reported in ``removal_effect``.
    - ``shapley``: the paths of channel set ``S`` give ``φ_c / v(S)`` of their conversions and
      value to ``c`` (:mod:`social_commerce.attribution.shapley`).

    Returns one row per model × channel (every channel of the input, 0 when not credited):
    ``model, channel_name, total_conversions, total_conversion_value, removal_effect`` (null
    except for Markov). For each model the channel totals add up to the input totals (Markov
    only when there is at least one conversion). Raises ``ValueError`` on bad input.
    """
    resolved = resolve_models(models, order)
    if null_column != "total_null" and null_column in paths.columns:
        paths = paths.drop("total_null", strict=False).rename({null_column: "total_null"})
    summary = normalize_paths(paths)
    channels = summary["channels"]
    conversions = summary["total_conversions"].to_numpy()
    values = summary["total_conversion_value"].to_numpy()
    nulls = summary["total_null"].to_numpy()
    path_index, position, codes, names = explode_paths(channels)
    lengths = channels.list.len().to_numpy()
    touches = pl.DataFrame(
        {
            "_group": path_index,
            "_pos": position,
            "_n": lengths[path_index],
            "channel": channels.explode().cast(pl.String),
            "_age": (lengths[path_index] - 1 - position).astype(np.float64),
        }
    )

    frames: list[pl.DataFrame] = []
    for model in resolved:
        markov_order = _markov_order(model)
        removal: np.ndarray | None = None
        if model in HEURISTIC_MODELS:
            credit = heuristic_credit(
                touches,
                model,
                direct_channel=direct_channel,
                position_weights=position_weights,
                half_life=half_life_touches,
            ).to_numpy()
            conv = np.bincount(
                codes, weights=credit * conversions[path_index], minlength=len(names)
            )
            value = np.bincount(codes, weights=credit * values[path_index], minlength=len(names))
        elif markov_order is not None:
            fit = fit_markov(channels, conversions, nulls, markov_order)
            removal = fit.removal_effect
            total_re = removal.sum()
            share = removal / total_re if total_re > 0 else np.zeros_like(removal)
            conv, value = conversions.sum() * share, values.sum() * share
        else:
            masks, _ = channel_set_masks(channels)
            shares = shapley_shares(masks, conversions, nulls, values)
            per_path = pl.DataFrame({"set_mask": masks, "conv": conversions, "value": values}).join(
                shares, on="set_mask", how="inner"
            )
            weights = per_path["share"].to_numpy()
            codes_of = per_path["channel_code"].to_numpy()
            conv = np.bincount(codes_of, weights=weights * per_path["conv"], minlength=len(names))
            value = np.bincount(codes_of, weights=weights * per_path["value"], minlength=len(names))
        frames.append(
            pl.DataFrame(
                {
                    "model": [model] * len(names),
                    "channel_name": names,
                    "total_conversions": conv,
                    "total_conversion_value": value,
                    "removal_effect": removal if removal is not None else [None] * len(names),
                },
                schema=OUTPUT_SCHEMA,
            )
        )
    return pl.concat(frames)


def _check_touchpoints(touchpoints: pl.DataFrame) -> None:
    missing = [name for name in TOUCHPOINT_COLUMNS if name not in touchpoints.columns]
    if missing:
        raise ValueError(
            f"touchpoints lack column(s) {', '.join(missing)}; expected "
            f"{', '.join(TOUCHPOINT_COLUMNS)}"
        )
    mixed = touchpoints.group_by("path_id").agg(pl.col("is_converting").n_unique() > 1)
    if mixed["is_converting"].any():
        raise ValueError("is_converting must be the same on every touchpoint of a path")
    if touchpoints["channel"].null_count():
        raise ValueError("every touchpoint needs a channel (found null channels)")


def credit_touchpoints(
    touchpoints: pl.DataFrame,
    models: Sequence[str] = TOUCHPOINT_MODELS,
    *,
    half_life_days: float = 7.0,
    position_weights: Sequence[float] = (0.4, 0.2, 0.4),
    direct_channel: str = "direct",
) -> pl.DataFrame:
    """Credit of every touchpoint of every converting path, for each model.

    ``touchpoints`` has ``path_id, touchpoint_index`` (1..n in time order), ``channel``,
    ``touched_at``, ``is_converting`` (same for all rows of a path), ``converted_at`` (null when
    not converting) and ``conversion_value`` (0 when not converting). Non-converting paths only
    feed Markov and Shapley as nulls.

    - Heuristics: as in :func:`attribute_paths`, with real time decay: weight
      ``2 ** (-(converted_at - touched_at) / half_life_days)``, normalized in the path.
    - ``markov_order_k``: the chain is fitted on all paths (aggregated to distinct channel
      sequences); each touchpoint of a converting path gets the removal effect of its channel
      divided by the sum over the path's touchpoints (linear if all are 0). Per-path credits
      therefore differ from the global ``total × RE_c / Σ RE`` allocation of
      :func:`attribute_paths`: a path can only credit channels it touched, and a channel
      touched twice in a path counts twice (as in marketing-attribution-models).
    - ``shapley``: channel ``c`` of a path with channel set ``S`` gets ``φ_c / v(S)``, split
      equally among its touchpoints in the path.

    Returns ``path_id, touchpoint_index, channel, model, credit, attributed_value`` (= credit ×
    conversion_value); credits of each (path, model) sum to 1.
    """
    resolved = resolve_models(models)
    _check_touchpoints(touchpoints)
    touches = (
        touchpoints.sort("path_id", "touchpoint_index")
        .with_columns(
            pl.col("channel").cast(pl.String),
            pl.col("is_converting").cast(pl.Boolean),
            pl.col("conversion_value").cast(pl.Float64).fill_null(0.0),
        )
        .with_columns(
            pl.col("path_id").alias("_group"),
            pl.int_range(pl.len()).over("path_id").alias("_pos"),
            pl.len().over("path_id").alias("_n"),
            (
                (pl.col("converted_at") - pl.col("touched_at")).dt.total_milliseconds()
                / 86_400_000.0
            ).alias("_age"),
        )
    )
    converting = touches.filter(pl.col("is_converting"))
    if converting["_age"].null_count() and "time_decay" in resolved:
        raise ValueError("converting paths need converted_at and touched_at for time_decay")
    base = converting.select("path_id", "touchpoint_index", "channel", "conversion_value")

    sequences: pl.DataFrame | None = None
    frames: list[pl.DataFrame] = []
    for model in resolved:
        markov_order = _markov_order(model)
        if model in HEURISTIC_MODELS:
            credit = heuristic_credit(
                converting,
                model,
                direct_channel=direct_channel,
                position_weights=position_weights,
                half_life=half_life_days,
            )
            credited = base.with_columns(credit)
        else:
            if sequences is None:
                sequences = (
                    touches.group_by("path_id", maintain_order=True)
                    .agg(pl.col("channel"), pl.col("is_converting").first())
                    .with_columns(
                        pl.col("channel").list.join("\x1f").alias("_key"),
                    )
                )
            if markov_order is not None:
                credited = _markov_touch_credit(converting, base, sequences, markov_order)
            else:
                credited = _shapley_touch_credit(converting, base, sequences)
        frames.append(
            credited.select(
                "path_id",
                "touchpoint_index",
                "channel",
                pl.lit(model).alias("model"),
                pl.col("credit").cast(pl.Float64),
                (pl.col("credit") * pl.col("conversion_value")).alias("attributed_value"),
            )
        )
    return pl.concat(frames)


def _markov_touch_credit(
    converting: pl.DataFrame, base: pl.DataFrame, sequences: pl.DataFrame, order: int
) -> pl.DataFrame:
    distinct = sequences.group_by("_key").agg(
        pl.col("channel").first(),
        pl.col("is_converting").sum().cast(pl.Float64).alias("conv"),
        (~pl.col("is_converting")).sum().cast(pl.Float64).alias("null"),
    )
    fit = fit_markov(
        distinct["channel"], distinct["conv"].to_numpy(), distinct["null"].to_numpy(), order
    )
    effects = pl.DataFrame(
        {"channel": fit.channels, "_re": fit.removal_effect},
        schema={"channel": pl.String, "_re": pl.Float64},
    )
    weighted = converting.select("path_id", "channel", "_n").join(
        effects, on="channel", how="left", maintain_order="left"
    )
    total = pl.col("_re").sum().over("path_id")
    credit = weighted.select(
        pl.when(total > 0).then(pl.col("_re") / total).otherwise(1.0 / pl.col("_n")).alias("credit")
    )
    return base.with_columns(credit.to_series())


def _shapley_touch_credit(
    converting: pl.DataFrame, base: pl.DataFrame, sequences: pl.DataFrame
) -> pl.DataFrame:
    masks, names = channel_set_masks(sequences["channel"])
    is_conv = sequences["is_converting"].to_numpy().astype(np.float64)
    shares = shapley_shares(masks, is_conv, 1.0 - is_conv).join(
        pl.DataFrame(
            {"channel_code": np.arange(len(names)), "channel": names},
            schema={"channel_code": pl.Int64, "channel": pl.String},
        ),
        on="channel_code",
    )
    path_masks = pl.DataFrame({"path_id": sequences["path_id"], "set_mask": masks})
    credit = (
        converting.select("path_id", "channel")
        .join(path_masks, on="path_id", how="left", maintain_order="left")
        .join(shares, on=["set_mask", "channel"], how="left", maintain_order="left")
        .select(
            (pl.col("share").fill_null(0.0) / pl.len().over("path_id", "channel")).alias("credit")
        )
    )
    return base.with_columns(credit.to_series())
