select * from marts.attribution_validation
