select * from marts.intent_model_metrics
