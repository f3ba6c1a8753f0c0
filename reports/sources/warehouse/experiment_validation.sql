select * from marts.experiment_validation
