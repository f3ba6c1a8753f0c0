"""Time-based backtest of the follower forecast, as rows of a metrics table (thin wrapper).

Same model and parameters as ``creator_follower_forecast`` (YAML ``config:``); the backtest is
``social_commerce.creators.backtest_forecast`` (tested with pytest): the last 30 and 90 days of
every series are held out and forecast from the earlier days only.
"""

from datetime import UTC, datetime

import polars as pl

from social_commerce.creators import backtest_forecast, forecast_metrics

MODEL_NAME = "creator_follower_forecast_loglinear"


def model(dbt, session):
    horizons = [int(h) for h in dbt.config.get("horizons_days")]
    fit_window_days = int(dbt.config.get("fit_window_days"))
    min_fit_days = int(dbt.config.get("min_fit_days"))
    low_q = float(dbt.config.get("interval_low_quantile"))
    high_q = float(dbt.config.get("interval_high_quantile"))
    daily = (
        dbt.ref("fct_creator_daily_growth")
        .project("creator_username, platform, follower_date, follower_count")
        .pl()
    )
    result = backtest_forecast(
        daily,
        horizons=horizons,
        fit_window_days=fit_window_days,
        min_fit_days=min_fit_days,
        interval_quantiles=(low_q, high_q),
    )
    computed_at = datetime.now(UTC).replace(tzinfo=None)
    return forecast_metrics(result, MODEL_NAME, "test").with_columns(
        pl.lit(computed_at, dtype=pl.Datetime("us")).alias("computed_at")
    )
