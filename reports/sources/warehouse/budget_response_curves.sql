select * from marts.budget_response_curves
