select * from marts.trend_stage_impact
