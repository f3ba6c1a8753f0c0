select * from marts.sentiment_sales_insights
