select * from marts.trend_longevity_backtest
