select * from marts.sentiment_sales_lags
