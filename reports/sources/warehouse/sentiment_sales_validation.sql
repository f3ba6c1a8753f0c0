select * from marts.sentiment_sales_validation
