select * from marts.experiment_results
