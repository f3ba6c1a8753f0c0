"""Credit of every touchpoint of every conversion under every attribution model (thin wrapper).

The models live in ``social_commerce.attribution`` (tested with pytest, documented with worked
examples in its README): this model reads the touchpoints of the paths, calls
``credit_touchpoints`` and joins the keys back. Parameters come from the YAML ``config:``.
"""

import polars as pl

from social_commerce.attribution import credit_touchpoints


def model(dbt, session):
    half_life_days = float(dbt.config.get("time_decay_half_life_days"))
    position_weights = (
        float(dbt.config.get("position_first_weight")),
        float(dbt.config.get("position_middle_weight")),
        float(dbt.config.get("position_last_weight")),
    )
    direct_channel = str(dbt.config.get("direct_channel"))
    touchpoints = dbt.ref("fct_touchpoints").filter("path_id is not null").set_alias("touchpoints")
    paths = dbt.ref("fct_conversion_paths").set_alias("paths")
    frame = (
        touchpoints.join(paths, "touchpoints.path_id = paths.path_id")
        .project(
            "touchpoints.path_id as path_id, touchpoints.touchpoint_index as touchpoint_index, "
            "touchpoints.touchpoint_id as touchpoint_id, touchpoints.channel as channel, "
            "touchpoints.creator_username as creator_username, "
            "touchpoints.touched_at as touched_at, paths.is_converting as is_converting, "
            "paths.conversion_id as conversion_id, paths.converted_at as converted_at, "
            "paths.conversion_value_usd as conversion_value"
        )
        .pl()
    )
    credits = credit_touchpoints(
        frame.select(
            "path_id",
            "touchpoint_index",
            "channel",
            "touched_at",
            "is_converting",
            "converted_at",
            "conversion_value",
        ),
        half_life_days=half_life_days,
        position_weights=position_weights,
        direct_channel=direct_channel,
    )
    keys = frame.filter(pl.col("is_converting")).select(
        "path_id",
        "touchpoint_index",
        "touchpoint_id",
        "conversion_id",
        "creator_username",
        "touched_at",
        "converted_at",
    )
    return credits.join(keys, on=["path_id", "touchpoint_index"], how="inner").select(
        pl.col("conversion_id").cast(pl.Int64),
        pl.col("touchpoint_id").cast(pl.String),
        pl.col("model").cast(pl.String),
        pl.col("path_id").cast(pl.String),
        pl.col("touchpoint_index").cast(pl.Int64),
        pl.col("channel").cast(pl.String),
        pl.col("creator_username").cast(pl.String),
        pl.col("touched_at"),
        pl.col("converted_at"),
        pl.col("credit").cast(pl.Float64),
        pl.col("attributed_value").cast(pl.Float64).alias("attributed_revenue_usd"),
    )
