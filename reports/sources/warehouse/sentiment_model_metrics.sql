select * from marts.sentiment_model_metrics
