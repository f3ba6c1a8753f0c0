select * from marts.attribution_model_comparison
