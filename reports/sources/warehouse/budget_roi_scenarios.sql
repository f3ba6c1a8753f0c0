select * from marts.budget_roi_scenarios
