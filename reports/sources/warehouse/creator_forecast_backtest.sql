select * from marts.creator_forecast_backtest
