select * from marts.regret_model_metrics
