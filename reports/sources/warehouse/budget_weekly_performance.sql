select * from marts.budget_weekly_performance
