select * from marts.brand_daily_sentiment
