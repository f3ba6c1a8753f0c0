select * from marts.sentiment_sales_lag_profile
