"""Removal effect of every channel in the Markov chains of order 1, 2 and 3 (thin wrapper).

Fits each chain exactly on the aggregated paths of ``conversion_path_summary`` (converting and
not) with ``social_commerce.attribution.markov_removal_effects`` (tested with pytest, worked
example in its README) and reports how much of the conversion probability goes when a channel
is removed. Orders come from the YAML ``config:``.
"""

import polars as pl

from social_commerce.attribution import markov_removal_effects


def model(dbt, session):
    orders = [int(order) for order in dbt.config.get("markov_orders")]
    paths = (
        dbt.ref("conversion_path_summary")
        .project("path, total_conversions, total_conversion_value, total_null")
        .pl()
    )
    conversions = float(paths["total_conversions"].sum())
    journeys = conversions + float(paths["total_null"].sum())
    conversion_probability = conversions / journeys if journeys > 0 else None
    frames = []
    for order in orders:
        effects = markov_removal_effects(paths, order=order)
        total = effects["removal_effect"].sum()
        frames.append(
            effects.select(
                pl.lit(f"markov_order_{order}").alias("model"),
                pl.lit(order, dtype=pl.Int64).alias("markov_order"),
                pl.col("channel_name").cast(pl.String).alias("channel"),
                pl.col("removal_effect").cast(pl.Float64),
                (pl.col("removal_effect") / total if total > 0 else pl.lit(None))
                .cast(pl.Float64)
                .alias("removal_effect_share"),
                pl.lit(conversion_probability, dtype=pl.Float64).alias("conversion_probability"),
                pl.col("conversion_probability_without").cast(pl.Float64),
            )
        )
    return pl.concat(frames)
