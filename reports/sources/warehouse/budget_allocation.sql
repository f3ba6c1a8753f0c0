select * from marts.budget_allocation
