select * from marts.overview_weekly_kpis
