select * from marts.regret_rates
