select * from marts.regret_business_view
