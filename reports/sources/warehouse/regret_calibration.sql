select * from marts.regret_calibration
