select * from marts.regret_model_drivers
