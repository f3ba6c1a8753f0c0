select * from marts.data_quality_quarantine_reasons
