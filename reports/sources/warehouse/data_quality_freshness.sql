select * from marts.data_quality_freshness
