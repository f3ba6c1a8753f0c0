select * from marts.ml_model_metrics
