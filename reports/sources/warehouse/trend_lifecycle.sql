select * from marts.trend_lifecycle
