select * from marts.data_quality_row_counts
