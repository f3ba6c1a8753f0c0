select * from marts.product_regret_risk
