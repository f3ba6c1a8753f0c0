select * from marts.dim_creators
